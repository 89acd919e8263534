import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@grantkeeper/identity';
import type { FastifyReply } from 'fastify';

/** Where the custom "Sign in with Google" button's font is served, on our own origin. */
export const ROBOTO_MEDIUM_PATH = '/assets/fonts/roboto-latin-500-normal.woff2';

// Google's branding guidelines set the button's text in Roboto Medium
// (https://developers.google.com/identity/branding-guidelines). It comes from the
// @fontsource/roboto package (Apache-2.0), served from our origin so the CSP's font-src 'self'
// allows it and no page depends on the visitor having Roboto installed.
const ROBOTO_MEDIUM = readFileSync(
  createRequire(import.meta.url).resolve('@fontsource/roboto/files/roboto-latin-500-normal.woff2'),
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
