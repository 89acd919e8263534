import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { format } from 'prettier';

/** The generated file the dashboard's API services import (committed; a test keeps it fresh). */
export const ADMIN_API_TYPES_FILE = 'apps/admin/src/app/api/api-schema.ts';

const HEADER = `// Generated from the api's OpenAPI document by \`npm run admin:api-types\`; do not edit.
// apps/api/src/openapi/admin-api-types.spec.ts fails when this file is stale.
/* eslint-disable */
`;

/** TypeScript types of every path and schema in the document, formatted as the repository is. */
export async function renderAdminApiTypes(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    exportType: false,
  });
  return format(HEADER + astToString(ast), {
    parser: 'typescript',
    singleQuote: true,
    trailingComma: 'all',
    printWidth: 100,
  });
}
