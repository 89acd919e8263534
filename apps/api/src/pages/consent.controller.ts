import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import {
  type AuthenticatedUser,
  CurrentUser,
  Public,
  SameSiteRequest,
} from '@grantkeeper/identity';
import { GrantsService, RedirectFlowService, setBindingCookie } from '@grantkeeper/offline-access';
import {
  type ConsentRequest,
  ConsentRequestsService,
  returnLocation,
  ServiceApiError,
} from '@grantkeeper/service-api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { consentMessagesFor } from './consent.messages.js';
import { type ConsentPageState, renderConsentPage } from './consent.page.js';
import { messagesFor, pickLanguage } from './messages.js';

/**
 * `/consent/:id`, a service's consent request as its user answers it: the page, then
 * "Continue to Google" (the redirect flow, for just the request's scopes, with
 * `include_granted_scopes` and `access_type=offline`) or "Not now". Google's callback sends the
 * browser to `/consent/:id/return`, which completes the request with the scopes the grant has
 * now and sends the user to the service's `return_url` (or back to this page, which then
 * confirms).
 */
@ApiExcludeController()
@Controller('consent')
export class ConsentController {
  private readonly secureCookie: boolean;
  private readonly returnCookie: string;

  constructor(
    private readonly consent: ConsentRequestsService,
    private readonly grants: GrantsService,
    private readonly flow: RedirectFlowService,
    config: ConfigService,
  ) {
    this.secureCookie = config.get('session').secureCookie;
    this.returnCookie = this.secureCookie ? '__Host-gk_consent' : 'gk_consent';
  }

  @Get(':id')
  @Public()
  async page(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
    @Query('google') google?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    const language = pickLanguage(acceptLanguage);
    const found = await this.consent.page(id);
    let state: ConsentPageState;
    if (!user) state = { kind: 'sign-in', id: found.request.id };
    else if (user.id !== found.request.userId) state = { kind: 'wrong-user' };
    else {
      const grant = await this.grants.forUser(user.id);
      state = {
        kind: 'request',
        page: found,
        grantedScopes: grant?.status === 'active' ? grant.scopes : [],
        googleCancelled: google === 'cancelled',
      };
    }
    void reply
      .header('cache-control', 'no-store')
      .header('vary', 'Accept-Language')
      .type('text/html; charset=utf-8')
      .send(renderConsentPage(state, messagesFor(language), consentMessagesFor(language)));
  }

  /** "Continue to Google": where to send the browser (JSON, for /assets/consent.js). */
  @Post(':id/continue')
  @HttpCode(200)
  @SameSiteRequest()
  async continue(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ location: string }> {
    const pending = await this.consent.pendingFor(id, user.id);
    const binding = randomBytes(32).toString('base64url');
    // The return path completes the request: only in this browser, back from this flow (a
    // link to it from elsewhere lacks the cookie's value), never from a forged navigation.
    const nonce = randomBytes(32).toString('base64url');
    const location = await this.flow.start(
      user,
      `/consent/${pending.id}/return?t=${nonce}`,
      false,
      binding,
      undefined,
      pending.scopes,
    );
    setBindingCookie(reply, binding, this.secureCookie);
    void reply.setCookie(this.returnCookie, nonce, {
      httpOnly: true,
      secure: this.secureCookie,
      sameSite: 'lax',
      path: '/',
      maxAge: 600,
    });
    void reply.header('cache-control', 'no-store');
    return { location };
  }

  /** "Not now". */
  @Post(':id/decline')
  @HttpCode(200)
  @SameSiteRequest()
  async decline(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<{ location: string }> {
    const declined = await this.consent.decline(id, user.id, auditContextOf(request));
    return { location: this.after(declined) };
  }

  /** Back from Google (the redirect flow's return path). */
  @Get(':id/return')
  async back(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Query('offline_access') offlineAccess: string | undefined,
    @Query('t') nonce: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const expected = request.cookies[this.returnCookie];
    void reply.clearCookie(this.returnCookie, {
      path: '/',
      httpOnly: true,
      secure: this.secureCookie,
    });
    if (!sameNonce(nonce, expected)) return void reply.redirect(`/consent/${id}`, 302);
    const pending = await this.consent.pendingFor(id, user.id).catch((error: unknown) => {
      // Answered already (a reload, another tab): the page says how it ended.
      if (error instanceof ServiceApiError && error.code === 'consent_request_closed') return null;
      throw error;
    });
    if (!pending) return void reply.redirect(`/consent/${id}`, 302);
    if (offlineAccess !== undefined) {
      // Cancelled or refused at Google: still pending, the page offers it again.
      return void reply.redirect(`/consent/${pending.id}?google=cancelled`, 302);
    }
    const grant = await this.grants.forUser(user.id);
    const completed = await this.consent.complete(
      pending.id,
      user.id,
      grant?.status === 'active' ? grant.scopes : [],
      auditContextOf(request),
    );
    void reply.header('cache-control', 'no-store').redirect(this.after(completed), 302);
  }

  private after(request: ConsentRequest): string {
    return request.returnUrl
      ? returnLocation(request.returnUrl, request.id, request.status)
      : `/consent/${request.id}`;
  }
}

function sameNonce(presented: unknown, expected: string | undefined): boolean {
  if (typeof presented !== 'string' || !expected) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
