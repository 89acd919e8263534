import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConfigService } from '@grantkeeper/config';
import { Public } from '@grantkeeper/identity';
import type { FastifyReply } from 'fastify';
import { projectRoot } from '../project-root.js';
import { isImmutableAsset, renderAdminIndex, withStyleNonce } from './admin-index.js';

/** Where `npm run build` puts the Angular dashboard (`angular.json`'s outputPath + browser). */
const ADMIN_DIST = 'dist/apps/admin/browser';
/** A path of the build: file names, folders, dots inside names; no `..`, no leading dot. */
const ASSET_PATH = /^(?:[\w-]+\/)*[\w-]+(?:\.[\w-]+)+$/;

/**
 * Serves the Angular dashboard at /admin/: its hashed assets with a year-long cache, and
 * index.html (no-cache, per-response CSP nonce) for /admin/ and every deep link the dashboard's
 * router handles in the browser (/admin/users/<id>, …). Public: the app itself asks the admin
 * API, which enforces the admin role, and shows its own sign-in page.
 */
@ApiExcludeController()
@Public()
@Controller('admin')
export class AdminAppController {
  private readonly root = join(projectRoot(), ADMIN_DIST);
  private readonly clientId: string;
  private readonly gsiClientUrl: string;
  private template: string | undefined;

  constructor(config: ConfigService) {
    this.clientId = config.get('google').webClientId;
    this.gsiClientUrl = config.get('google').urls.gsiClient;
  }

  @Get()
  redirectToSlash(@Res() reply: FastifyReply): void {
    void reply.redirect('/admin/', 301);
  }

  // find-my-way's wildcard: Fastify gets the route as written, the rest of the path is `*`.
  @Get('*')
  serve(@Param('*') path: string, @Res() reply: FastifyReply): void {
    if (ASSET_PATH.test(path) && !path.endsWith('.html')) {
      if (!existsSync(join(this.root, path))) {
        void reply
          .code(404)
          .send({ statusCode: 404, error: 'not_found', message: 'No such file.' });
        return;
      }
      void reply.sendFile(path, this.root, {
        maxAge: isImmutableAsset(path) ? '365d' : '1h',
        immutable: isImmutableAsset(path),
      });
      return;
    }
    this.sendIndex(reply);
  }

  private sendIndex(reply: FastifyReply): void {
    const template = this.readTemplate();
    if (!template) {
      void reply.code(503).send({
        statusCode: 503,
        error: 'admin_not_built',
        message: 'The dashboard is not built: run npm run build.',
      });
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') {
      void reply.header('content-security-policy', withStyleNonce(csp, nonce));
    }
    void reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(
        renderAdminIndex(template, {
          nonce,
          clientId: this.clientId,
          gsiClientUrl: this.gsiClientUrl,
        }),
      );
  }

  /** Read once: the build does not change under a running process. */
  private readTemplate(): string | undefined {
    if (this.template === undefined) {
      const file = join(this.root, 'index.html');
      if (!existsSync(file)) return undefined;
      this.template = readFileSync(file, 'utf8');
    }
    return this.template;
  }
}
