import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { csvLine } from '@grantkeeper/audit';
import { UsersService } from '@grantkeeper/identity';
import { type Disclosure, DisclosuresService } from '@grantkeeper/service-api';
import type { FastifyReply } from 'fastify';
import { AdminController } from './admin-docs.js';
import { sendCsvAttachment } from './csv-attachment.js';
import {
  type DisclosureDto,
  DisclosureFilterDto,
  DisclosurePageDto,
  ListDisclosuresQueryDto,
} from './dto/disclosure.dto.js';

const CSV_HEADER = [
  'id',
  'occurred_at',
  'client_id',
  'client_name',
  'key_id',
  'access_token_id',
  'user_id',
  'grant_id',
  'scopes',
  'purpose',
  'purpose_detail',
  'outcome',
  'refusal',
  'token_fingerprint',
  'request_id',
  'ip',
];

/** Every read of users' Google access by other teams' services, given or refused. */
@AdminController('')
export class AdminDisclosuresController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly users: UsersService,
  ) {}

  @Get('disclosures')
  @ApiOperation({
    summary: 'Disclosures, newest first, by client, user, purpose, outcome and time',
  })
  @ApiOkResponse({ type: DisclosurePageDto })
  async list(@Query() query: ListDisclosuresQueryDto): Promise<DisclosurePageDto> {
    const page = await this.disclosures.search(query);
    const emails = await this.users.emailsOf(
      page.items.flatMap((item) => (item.userId ? [item.userId] : [])),
    );
    return {
      items: page.items.map((item) =>
        dtoOf(item, item.userId ? (emails.get(item.userId) ?? null) : null),
      ),
      nextCursor: page.nextCursor,
    };
  }

  @Get('disclosures.csv')
  @ApiOperation({ summary: 'Disclosures as CSV (same filters), streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one disclosure a line, formula-safe cells.' })
  exportCsv(@Query() filter: DisclosureFilterDto, @Res() reply: FastifyReply): FastifyReply {
    return sendCsvAttachment(reply, 'disclosures.csv', this.csv(filter));
  }

  private async *csv(filter: DisclosureFilterDto): AsyncGenerator<string> {
    yield csvLine(CSV_HEADER);
    for await (const item of this.disclosures.all(filter)) {
      yield csvLine([
        item.id,
        item.occurredAt.toISOString(),
        item.clientId,
        item.clientName,
        item.keyId,
        item.accessTokenId,
        item.userId,
        item.grantId,
        item.scopes.join(' '),
        item.purpose,
        item.purposeDetail,
        item.outcome,
        item.refusal,
        item.tokenFingerprint,
        item.requestId,
        item.ip,
      ]);
    }
  }
}

function dtoOf(item: Disclosure, userEmail: string | null): DisclosureDto {
  return { ...item, occurredAt: item.occurredAt.toISOString(), userEmail };
}
