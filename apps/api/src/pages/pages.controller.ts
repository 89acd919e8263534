import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConfigService } from '@grantkeeper/config';
import { type AuthenticatedUser, CurrentUser, Public } from '@grantkeeper/identity';
import { AccessTokenBroker, GrantsService, GrantViewDto } from '@grantkeeper/offline-access';
import { UserTasksService } from '@grantkeeper/scheduler';
import { UserServiceBlocksService } from '@grantkeeper/service-api';
import type { FastifyReply } from 'fastify';
import { messagesFor, pickLanguage } from './messages.js';
import { renderAccountPage, renderSignInPage } from './templates.js';

/** Error codes a failed redirect-mode sign-in may show on `/`; anything else is ignored. */
const SHOWN_ERROR = /^[a-z_]{1,40}$/;
/** Required mode, grant dead: Google's consent again, by redirect (no popup to be blocked). */
const RECONSENT = '/auth/google?prompt=consent&return_to=%2Faccount';

/** The end users' pages, rendered on the server; their scripts are static files under /assets. */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  private readonly clientId: string;
  private readonly gsiClientUrl: string;
  private readonly offlineScopes: readonly string[];
  private readonly offlineAccessMode: 'optional' | 'required';
  private readonly proofWindowMs: number;

  constructor(
    config: ConfigService,
    private readonly grants: GrantsService,
    private readonly tasks: UserTasksService,
    private readonly broker: AccessTokenBroker,
    private readonly serviceBlocks: UserServiceBlocksService,
  ) {
    this.proofWindowMs = config.get('offlineAccess').proofWindowSeconds * 1000;
    this.clientId = config.get('google').webClientId;
    this.gsiClientUrl = config.get('google').urls.gsiClient;
    this.offlineScopes = config.get('offlineAccess').scopes;
    this.offlineAccessMode = config.get('offlineAccess').mode;
  }

  @Get()
  signIn(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
    @Query('error') error?: string,
    @Query('offline_access') offlineAccess?: string,
    @Query('signed_out') signedOut?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): void {
    if (user) {
      void reply.redirect('/account', 302);
      return;
    }
    const html = renderSignInPage({
      messages: messagesFor(pickLanguage(acceptLanguage)),
      clientId: this.clientId,
      gsiClientUrl: this.gsiClientUrl,
      error: typeof error === 'string' && SHOWN_ERROR.test(error) ? error : undefined,
      consentDenied: offlineAccess === 'denied',
      offlineAccess: this.offlineAccessMode,
      codeScopes: ['openid', 'email', 'profile', ...this.offlineScopes],
      signedOut: signedOut === '1',
    });
    sendPage(reply, html);
  }

  @Get('account')
  async account(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
    @Query('offline_access') offlineAccess?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    if (!user) {
      // A signed-out visitor who cancelled consent in the redirect flow (required mode) is told
      // so on the sign-in page, which offers the next step.
      void reply.redirect(offlineAccess === 'denied' ? '/?offline_access=denied' : '/', 302);
      return;
    }
    // "On" only for a grant Google accepted recently: proven now (one refresh) otherwise. A
    // grant Google refuses is marked revoked by the proof; in required mode the user goes
    // straight to consent, unless they are back from it (cancelled or refused: no loop). A grant
    // that was off already (the user switched it off, an admin revoked it) is shown as off, with
    // its reason and the button to turn it on: sending that user to Google unasked would undo
    // their own choice.
    // A revoke Google did not confirm is retried first (its old refresh token must not outlive
    // a reconnect from this page).
    await this.grants.finishPendingRevocation(user.id);
    const proof = await this.broker.proveAlive(user.id, this.proofWindowMs);
    if (proof === 'dead' && this.offlineAccessMode === 'required' && offlineAccess === undefined) {
      void reply.redirect(RECONSENT, 302);
      return;
    }
    const [grant, tasks, services] = await Promise.all([
      this.grants.forUser(user.id),
      this.tasks.list(user.id),
      this.serviceBlocks.servicesOf(user.id),
    ]);
    const html = renderAccountPage({
      messages: messagesFor(pickLanguage(acceptLanguage)),
      user,
      gsiClientUrl: this.gsiClientUrl,
      clientId: this.clientId,
      offlineAccess: {
        grant: grant ? GrantViewDto.from(grant) : GrantViewDto.none(),
        requestedScopes: this.offlineScopes,
        revokedBy: grant?.revokedBy ?? null,
      },
      tasks,
      services,
    });
    sendPage(reply, html);
  }
}

/** A rendered page: never cached, and in the language Accept-Language picked (so `Vary`). */
function sendPage(reply: FastifyReply, html: string): void {
  void reply
    .header('cache-control', 'no-store')
    .header('vary', 'Accept-Language')
    .type('text/html; charset=utf-8')
    .send(html);
}
