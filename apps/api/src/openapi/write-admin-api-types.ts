// `npm run admin:api-types`: regenerates the dashboard's API types from the OpenAPI document,
// built in Nest's preview mode (no database, nothing started).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { ADMIN_API_TYPES_FILE, renderAdminApiTypes } from './admin-api-types.js';
import { previewOpenApiDocument } from './openapi-document.js';

const document = await previewOpenApiDocument();
writeFileSync(join(projectRoot(), ADMIN_API_TYPES_FILE), await renderAdminApiTypes(document));
console.log(`wrote ${ADMIN_API_TYPES_FILE}`);
