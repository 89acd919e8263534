import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JWT_BEARER_ASSERTION } from '../client-assertion.js';

/**
 * `POST /api/v1/oauth/token`'s parameters, as a form (`application/x-www-form-urlencoded`, RFC
 * 6749's encoding) or as JSON. For the OpenAPI document only: the service reads them itself,
 * so a refusal is RFC 6749's `invalid_request`, and unknown parameters are ignored (§3.1).
 */
export class OAuthTokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'], description: 'RFC 6749 §4.4.' })
  grant_type!: string;

  @ApiProperty({
    enum: [JWT_BEARER_ASSERTION],
    description: 'RFC 7523 §2.2: the client authenticates with a signed JWT.',
  })
  client_assertion_type!: string;

  @ApiProperty({
    description:
      'A JWT signed (RS256, PS256, ES256 or EdDSA) by one of the client’s registered keys: `iss` and `sub` the client id, `aud` this endpoint’s URL (or the issuer, `PUBLIC_URL`), `exp` at most 5 minutes ahead, a single-use `jti`.',
    maxLength: 8192,
  })
  client_assertion!: string;

  @ApiPropertyOptional({
    description:
      'Space-separated API scopes the token should carry (`tokens:issue grants:read`), each one the client’s JWT tokens are allowed; default: all of those.',
    example: 'tokens:issue',
  })
  scope?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The client id; optional, and when given it must be the assertion’s `iss`.',
  })
  client_id?: string;
}

export class OAuthTokenResponseDto {
  @ApiProperty({
    description:
      'An opaque `gkat_<env>_…` token for the service API (`Authorization: Bearer …`). Live: never log it.',
  })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'], description: 'Always `Bearer` (RFC 6750).' })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds the token lives: 300.', example: 300 })
  expires_in!: number;

  @ApiProperty({ description: 'The API scopes it carries, space-separated.' })
  scope!: string;
}
