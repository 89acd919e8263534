// `npm run service-client:types`: regenerates libs/service-client's types from the service API's
// part of the OpenAPI document, built in Nest's preview mode (no database, nothing started).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { previewOpenApiDocument } from './openapi-document.js';
import { renderServiceClientTypes, SERVICE_CLIENT_TYPES_FILE } from './service-client-types.js';

const document = await previewOpenApiDocument();
writeFileSync(
  join(projectRoot(), SERVICE_CLIENT_TYPES_FILE),
  await renderServiceClientTypes(document),
);
console.log(`wrote ${SERVICE_CLIENT_TYPES_FILE}`);
