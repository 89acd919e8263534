import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from './admin-docs.js';
import { AdminOverviewService } from './admin-overview.service.js';
import { OverviewDto, OverviewQueryDto } from './dto/overview.dto.js';

@AdminController('overview')
export class AdminOverviewController {
  constructor(private readonly overview: AdminOverviewService) {}

  @Get()
  @ApiOperation({
    summary: 'Charts: grants by status, refresh outcomes and sign-ins per UTC day; tasks by state',
  })
  @ApiOkResponse({ type: OverviewDto })
  get(@Query() query: OverviewQueryDto): Promise<OverviewDto> {
    return this.overview.overview(query.days);
  }
}
