import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The one-time code the GIS code client returned to the page. */
export class ExchangeCodeDto {
  // Codes over 256 bytes get their own error (code_too_long) from the service; this bound only
  // keeps absurd input out of validation.
  @ApiProperty({ description: 'The `code` from google.accounts.oauth2.initCodeClient.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  code!: string;
}
