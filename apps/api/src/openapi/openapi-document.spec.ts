import 'reflect-metadata';
import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_ERRORS } from './error-responses.js';
import { previewOpenApiDocument } from './openapi-document.js';
import { swaggerPageCsp } from './docs-csp.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operationsOf(document: OpenAPIObject): [string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item[method]
        ? [[`${method.toUpperCase()} ${path}`, item[method]] as [string, OperationObject]]
        : [],
    ),
  );
}

describe('the OpenAPI document (/api/docs/openapi.json)', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewOpenApiDocument();
  }, 30_000);

  it('names the deployment in `servers`', () => {
    expect(document.servers).toHaveLength(1);
    expect(document.servers![0].url).toMatch(/^https?:\/\//);
  });

  it('documents the errors of every operation, with the error body and their codes', () => {
    for (const [name, operation] of operationsOf(document)) {
      // Its 503 is the health report itself (Terminus's schema), not an error body.
      if (name === 'GET /health') continue;
      const errors = Object.entries(operation.responses).filter(
        ([status]) => Number(status) >= 400,
      );
      expect(errors.length, `${name} documents no error`).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        const { content, description } = response as ResponseObject;
        expect(content?.['application/json']?.schema, `${name} ${status}`).toEqual({
          $ref: '#/components/schemas/ErrorResponse',
        });
        expect(description, `${name} ${status} names no code`).toMatch(/`[a-z_]+`/);
      }
    }
  });

  it('declares the errors of each operation either on the route or in OPERATION_ERRORS', () => {
    const operations = new Set(operationsOf(document).map(([name]) => name));
    for (const name of Object.keys(OPERATION_ERRORS)) expect(operations).toContain(name);
    for (const name of operations) {
      if (!/ \/api\/admin\//.test(name)) expect(Object.keys(OPERATION_ERRORS)).toContain(name);
    }
  });

  it('gives the task endpoints response schemas', () => {
    const list = document.paths['/offline-access/tasks'].get!.responses['200'] as ResponseObject;
    expect(list.content?.['application/json']?.schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/UserTaskDto' },
    });
    const put = document.paths['/offline-access/tasks/{name}'].put!.responses['200'];
    expect((put as ResponseObject).content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/UserTaskDto',
    });
  });

  it('describes every property of every schema', () => {
    const undescribed = Object.entries(document.components!.schemas!).flatMap(([name, schema]) =>
      Object.entries((schema as SchemaObject).properties ?? {})
        .filter(([, property]) => !(property as SchemaObject).description)
        .map(([property]) => `${name}.${property}`),
    );
    expect(undescribed).toEqual([]);
  });
});

describe('swaggerPageCsp', () => {
  const csp = "default-src 'self';style-src 'self' http://gsi;object-src 'none'";

  it("allows exactly the page's inline styles, by hash", () => {
    const html = '<style>a{b:c}</style><svg style="position:absolute"></svg>';
    const result = swaggerPageCsp(csp, html);
    expect(result).toMatch(
      /;style-src 'unsafe-hashes' 'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*' 'self' http:\/\/gsi;/,
    );
    expect(result).not.toContain('unsafe-inline');
    expect(result.startsWith("default-src 'self';")).toBe(true);
  });

  it('leaves a page without inline styles as it was', () => {
    expect(swaggerPageCsp(csp, '<p>no styles</p>')).toBe(csp);
  });
});
