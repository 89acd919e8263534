import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../project-root.js';
import { previewOpenApiDocument } from './openapi-document.js';
import {
  renderServiceClientTypes,
  SERVICE_CLIENT_TYPES_FILE,
  serviceApiDocument,
} from './service-client-types.js';

describe('renderServiceClientTypes', () => {
  it('matches the committed client types (run `npm run service-client:types` when it does not)', async () => {
    const generated = await renderServiceClientTypes(await previewOpenApiDocument());
    const committed = readFileSync(join(projectRoot(), SERVICE_CLIENT_TYPES_FILE), 'utf8');
    expect(committed).toBe(generated);
  }, 30_000);

  it('keeps the service API only: its routes, the schemas they use, its security scheme', async () => {
    const document = await previewOpenApiDocument();
    const service = serviceApiDocument(document);
    const paths = Object.keys(service.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/tokens',
        '/api/v1/users/{id}/grant',
        '/api/v1/users/by-google-sub/{sub}/grant',
        '/api/v1/grants',
      ]),
    );
    // Every /api/v1/ path but the user's own is in; nothing else is.
    const expected = Object.keys(document.paths).filter(
      (path) => path.startsWith('/api/v1/') && path !== '/api/v1/me',
    );
    expect(paths.sort()).toEqual(expected.sort());
    expect(paths).not.toContain('/api/v1/me');
    expect(paths.some((path) => path.startsWith('/api/admin'))).toBe(false);
    const schemas = Object.keys(service.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(['IssueTokenDto', 'ErrorResponse']));
    expect(schemas.some((name) => /ServiceClient(Input|Change)|AdminUser/.test(name))).toBe(false);
    expect(Object.keys(service.components?.securitySchemes ?? {})).toEqual(['serviceApiKey']);
  }, 30_000);
});
