import { ApiProperty } from '@nestjs/swagger';
import type { ServiceClient } from '@grantkeeper/service-api';
import { ServiceClientDto } from './service-client.dto.js';

/** A client in the list: the client, and how many of its keys work now. */
export class ServiceClientSummaryDto extends ServiceClientDto {
  @ApiProperty({ minimum: 0, description: 'Its keys that work now: not revoked, not expired.' })
  activeKeys!: number;

  static of(client: ServiceClient, activeKeys: number): ServiceClientSummaryDto {
    return { ...ServiceClientDto.from(client), activeKeys };
  }
}

export class ServiceClientListDto {
  @ApiProperty({ type: [ServiceClientSummaryDto] }) items!: ServiceClientSummaryDto[];
}
