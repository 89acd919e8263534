import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { format } from 'prettier';

/** The generated file libs/service-client is typed by (committed; a test keeps it fresh). */
export const SERVICE_CLIENT_TYPES_FILE = 'libs/service-client/src/schema.ts';

const HEADER = `// Generated from the api's OpenAPI document by \`npm run service-client:types\`; do not edit.
// apps/api/src/openapi/service-client-types.spec.ts fails when this file is stale.
/* eslint-disable */
`;

/** Whether an operation is the service API's (tagged \`service\`, under /api/v1/). */
function isServiceOperation(path: string, operation: unknown): boolean {
  const tags = (operation as { tags?: string[] } | undefined)?.tags ?? [];
  return path.startsWith('/api/v1/') && tags.includes('service');
}

/**
 * The service API's part of the document: its paths (operations tagged `service` under
 * `/api/v1/`), the component schemas they reach, and its security scheme. Other teams get a
 * contract of what they can call, not the admin API's shapes.
 */
export function serviceApiDocument(document: OpenAPIObject): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const kept = Object.fromEntries(
      Object.entries(item).filter(
        ([method, operation]) =>
          ['get', 'put', 'post', 'delete', 'patch'].includes(method) &&
          isServiceOperation(path, operation),
      ),
    );
    if (Object.keys(kept).length > 0) paths[path] = kept;
  }
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const name = child.replace('#/components/schemas/', '');
        if (!reached.has(name) && name in schemas) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  visit(paths);
  return {
    ...document,
    tags: (document.tags ?? []).filter((tag) => tag.name === 'service'),
    paths,
    components: {
      schemas: Object.fromEntries([...reached].sort().map((name) => [name, schemas[name]])),
      securitySchemes: Object.fromEntries(
        Object.entries(document.components?.securitySchemes ?? {}).filter(([name]) =>
          Object.values(paths).some((item) => JSON.stringify(item).includes(`"${name}"`)),
        ),
      ),
    },
  };
}

/** TypeScript types of the service API's paths and schemas, formatted as the repository is. */
export async function renderServiceClientTypes(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(
    serviceApiDocument(document) as unknown as Parameters<typeof openapiTS>[0],
    { alphabetize: true, exportType: false },
  );
  return format(HEADER + astToString(ast), {
    parser: 'typescript',
    singleQuote: true,
    trailingComma: 'all',
    printWidth: 100,
  });
}
