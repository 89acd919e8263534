// Every route of the running application, read from Nest's metadata.
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, REQUIRED_ROLE_KEY, SAME_SITE_KEY } from '@grantkeeper/identity';
import type { ApiUnderTest } from './api-under-test.js';

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly isPublic: boolean;
  readonly role: string | undefined;
  /** Whether `@SameSiteRequest()` guards it (on the handler or its controller). */
  readonly sameSite: boolean;
}

export function enumerateRoutes(api: ApiUnderTest): Route[] {
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
      const targets = [handler, metatype];
      const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false;
      const role = reflector.getAllAndOverride<string | undefined>(REQUIRED_ROLE_KEY, targets);
      const sameSite = reflector.getAllAndOverride<unknown>(SAME_SITE_KEY, targets) !== undefined;
      routes.push({ method: RequestMethod[method], path: full, isPublic, role, sameSite });
    }
  }
  return routes;
}

/** The route's path with every `:param` replaced by a well-formed, unknown uuid. */
export function concretePath(route: Route): string {
  return route.path.replace(/:[A-Za-z]+/g, '00000000-0000-0000-0000-000000000000');
}

/**
 * Every route Fastify itself knows (Nest's and any registered on Fastify directly), from its
 * route tree: `METHOD /path` strings, HEAD left out (Fastify adds it to every GET).
 */
export function fastifyRoutes(api: ApiUnderTest): string[] {
  const fastify = api.app.getHttpAdapter().getInstance() as {
    printRoutes(options: { commonPrefix: boolean }): string;
  };
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*(?:├── |└── ))(.+?)(?: \(([^)]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4 - 1;
    stack.length = depth;
    stack.push(match[2]);
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}
