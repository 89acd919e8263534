import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from './admin-docs.js';
import { AdminOperationsService } from './admin-operations.service.js';
import { JobsOverviewDto, VaultStatusDto } from './dto/operations.dto.js';

@AdminController('')
export class AdminOperationsController {
  constructor(private readonly operations: AdminOperationsService) {}

  @Get('jobs')
  @ApiOperation({ summary: 'Job queue counts per queue, tasks by state, recent task runs' })
  @ApiOkResponse({ type: JobsOverviewDto })
  jobs(): Promise<JobsOverviewDto> {
    return this.operations.jobs();
  }

  @Get('vault')
  @ApiOperation({ summary: "The vault's key versions and envelopes per version" })
  @ApiOkResponse({ type: VaultStatusDto })
  vault(): Promise<VaultStatusDto> {
    return this.operations.vaultStatus();
  }
}
