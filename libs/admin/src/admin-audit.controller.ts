import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController } from './admin-docs.js';
import { AdminAuditService } from './admin-audit.service.js';
import { sendCsvAttachment } from './csv-attachment.js';
import { AuditEventPageDto } from './dto/audit-event.dto.js';
import { AuditFilterDto, ListAuditQueryDto } from './dto/list-audit.query.js';

@AdminController('')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get('audit')
  @ApiOperation({ summary: 'The audit log, newest first, by actor, action, user and time' })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query() query: ListAuditQueryDto): Promise<AuditEventPageDto> {
    return this.audit.search(query);
  }

  @Get('audit.csv')
  @ApiOperation({ summary: 'The audit log as CSV (same filters), streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one event a line, formula-safe cells.' })
  exportCsv(@Query() filter: AuditFilterDto, @Res() reply: FastifyReply): FastifyReply {
    return sendCsvAttachment(reply, 'audit.csv', this.audit.csv(filter));
  }
}
