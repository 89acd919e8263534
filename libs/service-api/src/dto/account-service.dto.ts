import { ApiProperty } from '@nestjs/swagger';
import type { AccountServiceView } from '../user-service-blocks.service.js';

/** A service that used or asked for the signed-in user's Google access, as /account shows it. */
export class AccountServiceDto {
  @ApiProperty({ format: 'uuid', description: 'The service (its client id).' })
  clientId!: string;

  @ApiProperty({ description: 'The service’s name.' })
  name!: string;

  @ApiProperty({ description: 'The team that runs it.' })
  team!: string;

  @ApiProperty({
    type: [String],
    description:
      'The features it asked for the access for (the texts of its purpose catalogue), given or refused.',
  })
  features!: string[];

  @ApiProperty({ description: 'How many Google access tokens it was given for the user.' })
  tokensIssued!: number;

  @ApiProperty({ description: 'How many of its requests were refused.' })
  requestsRefused!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it last asked, given or refused; null if it never asked.',
  })
  lastRequestAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was last given a token; null if never.',
  })
  lastIssuedAt!: string | null;

  @ApiProperty({
    description: 'Whether the user blocked it: it then gets 403 `blocked_by_user` for this user.',
  })
  blocked!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Since when it is blocked; null while not.',
  })
  blockedAt!: string | null;

  static from(view: AccountServiceView): AccountServiceDto {
    return {
      clientId: view.clientId,
      name: view.name,
      team: view.team,
      features: view.features,
      tokensIssued: view.tokensIssued,
      requestsRefused: view.requestsRefused,
      lastRequestAt: view.lastRequestAt?.toISOString() ?? null,
      lastIssuedAt: view.lastIssuedAt?.toISOString() ?? null,
      blocked: view.blocked,
      blockedAt: view.blockedAt?.toISOString() ?? null,
    };
  }
}

export class AccountServiceListDto {
  @ApiProperty({
    type: [AccountServiceDto],
    description: 'Every service that used or asked for the access, or is blocked; latest first.',
  })
  items!: AccountServiceDto[];
}
