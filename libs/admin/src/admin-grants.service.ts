import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditSearchService } from '@grantkeeper/audit';
import { type AuthenticatedUser, UsersService } from '@grantkeeper/identity';
import {
  type GrantListing,
  GrantSearchService,
  GrantsService,
  GrantViewDto,
} from '@grantkeeper/offline-access';
import { AdminError, assertUuid, notFound } from './admin.errors.js';
import { AuditEventsWithPeople } from './audit-events-with-people.js';
import type {
  AdminGrantDetailDto,
  AdminGrantDto,
  AdminGrantPageDto,
  RevokedGrantDto,
} from './dto/admin-grant.dto.js';
import type { ListGrantsQueryDto } from './dto/list-grants.query.js';

/** How many of a grant's newest events its page shows. */
const TIMELINE = 200;

/** The admin's view of grants: lists by filter, a grant's timeline, and revocation. */
@Injectable()
export class AdminGrantsService {
  constructor(
    private readonly search: GrantSearchService,
    private readonly grants: GrantsService,
    private readonly users: UsersService,
    private readonly audit: AuditSearchService,
    private readonly withPeople: AuditEventsWithPeople,
  ) {}

  async list(query: ListGrantsQueryDto): Promise<AdminGrantPageDto> {
    const page = await this.search.search(query);
    const emails = await this.users.emailsOf(page.items.map((grant) => grant.userId));
    return {
      items: page.items.map((grant) => withEmail(grant, emails.get(grant.userId) ?? null)),
      nextCursor: page.nextCursor,
    };
  }

  async detail(grantId: string): Promise<AdminGrantDetailDto> {
    const grant = await this.find(grantId);
    const [events, revokedByEmail] = await Promise.all([
      this.audit.forGrant(grant.id, TIMELINE),
      this.emailOfActor(grant.revokedBy),
    ]);
    return { grant, revokedByEmail, timeline: await this.withPeople.of(events) };
  }

  /** The email of `admin:<id>` or `user:<id>` (who revoked), or null for anyone else. */
  private async emailOfActor(actor: string | null): Promise<string | null> {
    const id = /^(?:admin|user):([0-9a-f-]{36})$/i.exec(actor ?? '')?.[1];
    if (!id) return null;
    return (await this.users.emailsOf([id])).get(id) ?? null;
  }

  /**
   * Revokes at once here; Google's revoke follows, and when Google can't be reached the purge
   * job retries it (`upstream: 'pending'`). Audited by GrantsService with the admin as actor.
   */
  async revoke(
    grantId: string,
    reason: string,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<RevokedGrantDto> {
    const found = await this.listing(grantId);
    if (found.status === 'revoked') {
      throw new AdminError('already_revoked', 'The grant is already revoked.');
    }
    const { grant, upstream } = await this.grants.revoke(
      found.userId,
      { kind: 'admin', id: admin.id },
      reason,
      context,
    );
    return { ...GrantViewDto.from(grant), id: grant.id, upstream };
  }

  private async find(grantId: string): Promise<AdminGrantDto> {
    const grant = await this.listing(grantId);
    const emails = await this.users.emailsOf([grant.userId]);
    return withEmail(grant, emails.get(grant.userId) ?? null);
  }

  private async listing(grantId: string): Promise<GrantListing> {
    assertUuid(grantId, 'grant');
    const grant = await this.search.find(grantId);
    if (!grant) throw notFound('grant');
    return grant;
  }
}

function withEmail(grant: GrantListing, email: string | null): AdminGrantDto {
  return { ...grant, scopes: [...grant.scopes], healthFlags: [...grant.healthFlags], email };
}
