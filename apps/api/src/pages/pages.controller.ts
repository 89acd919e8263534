import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConfigService } from '@grantkeeper/config';
import { type AuthenticatedUser, CurrentUser, Public } from '@grantkeeper/identity';
import type { FastifyReply } from 'fastify';
import { renderAccountPage, renderSignInPage } from './templates.js';

/** Error codes a failed redirect-mode sign-in may show on `/`; anything else is ignored. */
const SHOWN_ERROR = /^[a-z_]{1,40}$/;

/** The end users' pages, rendered on the server; their scripts are static files under /assets. */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  private readonly clientId: string;
  private readonly gsiClientUrl: string;

  constructor(config: ConfigService) {
    this.clientId = config.get('google').webClientId;
    this.gsiClientUrl = config.get('google').urls.gsiClient;
  }

  @Get()
  signIn(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
    @Query('error') error?: string,
  ): void {
    if (user) {
      void reply.redirect('/account', 302);
      return;
    }
    const html = renderSignInPage({
      clientId: this.clientId,
      gsiClientUrl: this.gsiClientUrl,
      error: typeof error === 'string' && SHOWN_ERROR.test(error) ? error : undefined,
    });
    void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  @Get('account')
  account(@CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): void {
    if (!user) {
      void reply.redirect('/', 302);
      return;
    }
    const html = renderAccountPage({
      user,
      gsiClientUrl: this.gsiClientUrl,
      clientId: this.clientId,
    });
    void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }
}
