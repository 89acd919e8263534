import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../project-root.js';
import { ADMIN_API_TYPES_FILE, renderAdminApiTypes } from './admin-api-types.js';
import { previewOpenApiDocument } from './openapi-document.js';

describe('renderAdminApiTypes', () => {
  it('matches the committed dashboard types (run `npm run admin:api-types` when it does not)', async () => {
    const generated = await renderAdminApiTypes(await previewOpenApiDocument());
    const committed = readFileSync(join(projectRoot(), ADMIN_API_TYPES_FILE), 'utf8');
    expect(committed).toBe(generated);
  }, 30_000);

  it('covers the admin API the dashboard calls', async () => {
    const document = await previewOpenApiDocument();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/admin/users', '/api/admin/grants/{id}/revoke', '/api/v1/me']),
    );
  }, 30_000);
});
