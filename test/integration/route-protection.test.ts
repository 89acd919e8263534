import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '@grantkeeper/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';

/** Routes deliberately open to anonymous callers. Adding one means adding it here, on purpose. */
const PUBLIC_ROUTES = [
  'GET /',
  'GET /account',
  'GET /health',
  'GET /metrics',
  'GET /auth/google',
  'GET /auth/google/callback',
  'POST /auth/google/id-token',
  'POST /auth/sign-out',
  'POST /offline-access/code',
  'POST /risc/events',
];

interface Route {
  readonly method: string;
  readonly path: string;
  readonly isPublic: boolean;
}

function enumerateRoutes(api: ApiUnderTest): Route[] {
  const modules = api.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: Route[] = [];
  const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const full = `/${[prefix, path]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const isPublic =
        reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, metatype]) ?? false;
      routes.push({ method: RequestMethod[method], path: full, isPublic });
    }
  }
  return routes;
}

describe('Route protection', () => {
  let api: ApiUnderTest;
  let routes: Route[];

  beforeAll(async () => {
    api = await startApiUnderTest();
    routes = enumerateRoutes(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('finds the routes from Nest metadata', () => {
    expect(routes.length).toBeGreaterThanOrEqual(PUBLIC_ROUTES.length + 1);
  });

  it('opens exactly the listed routes to anonymous callers', () => {
    const open = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 to an anonymous call of every other route', async () => {
    const guarded = routes.filter((r) => !r.isPublic);
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-0000-0000-000000000000');
      const response = await request(`${api.url}${path}`, {
        method: route.method,
        json: route.method === 'GET' ? undefined : {},
      });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });
});
