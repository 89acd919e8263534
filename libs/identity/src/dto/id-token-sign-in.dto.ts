import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DOCUMENTED_SELECT_BY } from '../select-by.js';

/**
 * Body of `POST /auth/google/id-token`: the GIS callback's JSON, or the form GIS redirect mode
 * posts (which adds `g_csrf_token` and `select_by`). The credential's size is checked by the
 * verifier (16 KB) before any parsing.
 */
export class IdTokenSignInDto {
  @ApiProperty({ description: 'The Google ID token (JWT) from Google Identity Services.' })
  @IsString()
  credential!: string;

  @ApiPropertyOptional({ description: 'Double-submit token of GIS redirect mode (form posts).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  g_csrf_token?: string;

  @ApiPropertyOptional({
    description:
      'How the user picked the account, as GIS reports it. Any value is accepted (Google adds ' +
      'new ones); the documented ones are recorded as they are, others as `unrecognised`.',
    enum: DOCUMENTED_SELECT_BY,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  select_by?: string;

  @ApiPropertyOptional({ description: 'The client id GIS used (sent by the JavaScript callback).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  clientId?: string;
}
