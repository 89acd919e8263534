import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { format } from 'prettier';

/** The generated file libs/service-client is typed by (committed; a test keeps it fresh). */
export const SERVICE_CLIENT_TYPES_FILE = 'libs/service-client/src/schema.ts';

const HEADER = `// Generated from the api's OpenAPI document by \`npm run service-client:types\`; do not edit.
// apps/api/src/openapi/service-client-types.spec.ts fails when this file is stale.
/* eslint-disable */
`;

/**
 * `/api/v1/` paths that are not the service API: `GET /api/v1/me` is the signed-in user's (a
 * session cookie or a Google ID token), for pages and apps, not for services.
 */
const NOT_SERVICE_API = new Set(['/api/v1/me']);

/** Whether a path is the service API's: under `/api/v1/`, but not a user's route. */
export function isServiceApiPath(path: string): boolean {
  return path.startsWith('/api/v1/') && !NOT_SERVICE_API.has(path);
}

/**
 * The service API's part of the document: its paths (every `/api/v1/` path but the user's own),
 * the component schemas they reach, and its security schemes. Other teams get a contract of
 * what they can call, not the admin API's shapes.
 */
export function serviceApiDocument(document: OpenAPIObject): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (isServiceApiPath(path)) paths[path] = item;
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
