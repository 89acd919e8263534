import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConfigService } from '@grantkeeper/config';
import { AuthError, Public } from '@grantkeeper/identity';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';

/**
 * Prometheus metrics: HTTP requests by route and status, refreshes by outcome, queue depth, job
 * durations, tasks by state, and Node's own. Scrapers send METRICS_TOKEN as a Bearer token; it is
 * required in production (load-config.ts), as the figures say how many users and grants there
 * are. Outside production it is public unless the token is set.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | undefined;

  constructor(
    private readonly registry: Registry,
    config: ConfigService,
  ) {
    const token = config.get('metricsToken');
    this.token = token ? Buffer.from(token) : undefined;
  }

  @Get()
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (this.token && !this.authorised(authorization)) {
      throw new AuthError('authentication_required', 'Send the metrics token as a Bearer token.');
    }
    const body = await this.registry.metrics();
    void reply.header('cache-control', 'no-store').type(this.registry.contentType).send(body);
  }

  private authorised(header: string | undefined): boolean {
    const given = Buffer.from(/^Bearer (\S+)$/i.exec(header ?? '')?.[1] ?? '');
    return given.length === this.token!.length && timingSafeEqual(given, this.token!);
  }
}
