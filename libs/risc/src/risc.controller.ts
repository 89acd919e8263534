import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConsumes,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@grantkeeper/identity';
import { RiscEventsService } from './risc-events.service.js';

/**
 * Google's Cross-Account Protection pushes security event tokens here (RFC 8935 push delivery).
 * Public: Google sends no credentials; the token's signature is the authentication.
 */
@ApiTags('risc')
@Controller('risc')
export class RiscController {
  constructor(private readonly events: RiscEventsService) {}

  @Post('events')
  @Public()
  @HttpCode(202)
  @ApiConsumes('application/secevent+jwt', 'application/jwt')
  @ApiOperation({
    summary: 'Receive a Google security event token (RISC)',
    description:
      'The body is the signed token itself. 202 when it is valid (a `jti` seen before is ' +
      'acknowledged and not acted on again); Google retries anything else.',
  })
  @ApiAcceptedResponse({ description: 'Valid; handled, or a redelivery.' })
  @ApiBadRequestResponse({ description: '`invalid_security_event`, with the reason.' })
  @ApiServiceUnavailableResponse({ description: "`certificates_unavailable`: Google's keys." })
  async receive(@Body() body: unknown): Promise<void> {
    await this.events.receive(body);
  }
}
