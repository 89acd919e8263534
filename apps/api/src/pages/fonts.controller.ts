import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@grantkeeper/identity';
import type { FastifyReply } from 'fastify';
import { projectRoot } from '../project-root.js';

/** Where the custom "Sign in with Google" button's font is served, on our own origin. */
export const ROBOTO_MEDIUM_PATH = '/assets/fonts/roboto-latin-500-normal.woff2';

// Google's branding guidelines set the button's text in Roboto Medium
// (https://developers.google.com/identity/branding-guidelines). The file, the latin subset of
// weight 500 from @fontsource/roboto 5.3.0 (SIL Open Font License 1.1, beside it), is kept in
// the tree rather than read from that package, which is a build-time dependency the production
// image does not install; it is served from our origin so the CSP's font-src 'self' allows it
// and no page depends on the visitor having Roboto installed.
const ROBOTO_MEDIUM = readFileSync(
  join(projectRoot(), 'apps/api/assets/fonts/roboto-latin-500-normal.woff2'),
);

/** The fonts the public pages use. */
@ApiExcludeController()
@Public()
@Controller()
export class FontsController {
  @Get(ROBOTO_MEDIUM_PATH.slice(1))
  robotoMedium(@Res() reply: FastifyReply): void {
    void reply
      .header('cache-control', 'public, max-age=86400')
      .type('font/woff2')
      .send(ROBOTO_MEDIUM);
  }
}
