import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  isCidr,
  jwksUriProblem,
  type PublicJwkSet,
  publicJwkSetProblem,
  SERVICE_API_SCOPES,
  type ServiceClient,
  type ServiceKeyView,
} from '@grantkeeper/service-api';
import { IsPlainText } from './is-plain-text.js';

@ValidatorConstraint({ name: 'cidr' })
class CidrConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCidr(value);
  }

  defaultMessage(): string {
    return 'each ipAllowlist entry must be an IPv4 or IPv6 address or CIDR block';
  }
}

@ValidatorConstraint({ name: 'publicJwkSet' })
class PublicJwkSetConstraint implements ValidatorConstraintInterface {
  private problem: string | undefined;

  validate(value: unknown): boolean {
    this.problem = value === null ? undefined : publicJwkSetProblem(value);
    return this.problem === undefined;
  }

  defaultMessage(): string {
    return this.problem ?? 'jwks must be a JWK set of public keys';
  }
}

@ValidatorConstraint({ name: 'jwksUri' })
class JwksUriConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // https only in production: ServiceClientsService checks that, knowing where it runs.
    return value === null || jwksUriProblem(value, false) === undefined;
  }

  defaultMessage(): string {
    return 'jwksUri must be an http(s) URL without credentials';
  }
}

const JWKS_SCHEMA = {
  type: 'object' as const,
  nullable: true,
  description:
    'Public keys (RSA ≥ 2048 bits, P-256 or Ed25519) the service signs its `private_key_jwt` assertions with; a key with a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) is refused. Replaces `jwksUri`; null removes it.',
  required: ['keys'],
  properties: {
    keys: {
      type: 'array' as const,
      description: 'The JWKs (RFC 7517), each with its own `kid` when there are several.',
      items: { type: 'object' as const, additionalProperties: true },
    },
  },
};

export class ServicePurposeDto {
  @ApiProperty({
    description: 'Stable id the service sends with each request.',
    example: 'weekly-digest',
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: 'purpose id must be kebab-case, 1–64 characters',
  })
  id!: string;

  @ApiProperty({
    description: 'The feature it serves, as users read it.',
    example: 'Your weekly digest',
  })
  @IsPlainText(200)
  @MinLength(3)
  feature!: string;
}

export class CreateServiceClientDto {
  @ApiProperty({ description: 'Unique name of the service.', example: 'newsletter' })
  @IsPlainText(100)
  @MinLength(2)
  name!: string;

  @ApiProperty({ description: 'The team that owns it.' })
  @IsPlainText(100)
  @MinLength(2)
  team!: string;

  @ApiProperty({ description: 'Who to reach about it (an email or a channel).' })
  @IsPlainText(200)
  @MinLength(3)
  contact!: string;

  @ApiProperty({
    type: [String],
    description: 'Google scopes the service may ask tokens for (full URLs).',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @Matches(/^(?:https:\/\/\S+|openid|email|profile)$/, {
    each: true,
    message: 'each scope must be a Google scope URL, openid, email or profile',
  })
  allowedScopes!: string[];

  @ApiProperty({ type: [ServicePurposeDto], description: 'Why the service reads users’ access.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ServicePurposeDto)
  purposes!: ServicePurposeDto[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Addresses or CIDR blocks the service calls from; empty: any.',
    example: ['10.0.0.0/8'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(CidrConstraint, { each: true })
  ipAllowlist?: string[];

  @ApiPropertyOptional(JWKS_SCHEMA)
  @IsOptional()
  @Validate(PublicJwkSetConstraint)
  jwks?: PublicJwkSet | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Or the URL the service publishes its JWK set at (https in production), fetched and cached, and fetched again on an unknown `kid`. Replaces `jwks`; null removes it.',
    example: 'https://newsletter.example.com/.well-known/jwks.json',
  })
  @IsOptional()
  @Validate(JwksUriConstraint)
  jwksUri?: string | null;

  @ApiPropertyOptional({
    type: [String],
    enum: SERVICE_API_SCOPES,
    description: 'The API scopes a token from `POST /api/v1/oauth/token` may carry. Default: all.',
  })
  @IsOptional()
  @IsArray()
  @IsIn(SERVICE_API_SCOPES, { each: true })
  jwtApiScopes?: Array<(typeof SERVICE_API_SCOPES)[number]>;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Origins (`https://host[:port]`; `http://` only outside production or for localhost) a consent request may send the user back to.',
    example: ['https://newsletter.example.com'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  returnOrigins?: string[];
}

export class UpdateServiceClientDto extends PartialType(CreateServiceClientDto) {
  @ApiPropertyOptional({ enum: ['active', 'suspended'], description: 'Suspended: every call 401.' })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';
}

export class CreateServiceKeyDto {
  @ApiPropertyOptional({ type: [String], enum: SERVICE_API_SCOPES, description: 'Default: all.' })
  @IsOptional()
  @IsArray()
  @IsIn(SERVICE_API_SCOPES, { each: true })
  apiScopes?: Array<(typeof SERVICE_API_SCOPES)[number]>;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    default: 90,
    description: 'Days until it expires.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}

export class ServiceClientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() team!: string;
  @ApiProperty() contact!: string;
  @ApiProperty({ type: [String] }) allowedScopes!: string[];
  @ApiProperty({ type: [ServicePurposeDto] }) purposes!: ServicePurposeDto[];
  @ApiProperty({ type: [String] }) ipAllowlist!: string[];
  @ApiProperty({ type: [String], description: 'Where consent requests may send users back to.' })
  returnOrigins!: string[];
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: string;
  @ApiProperty(JWKS_SCHEMA) jwks!: PublicJwkSet | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The URL of its JWK set, if it registered one instead of `jwks`.',
  })
  jwksUri!: string | null;
  @ApiProperty({
    type: [String],
    enum: SERVICE_API_SCOPES,
    description: 'The API scopes its JWT-issued tokens may carry.',
  })
  jwtApiScopes!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;

  static from(client: ServiceClient): ServiceClientDto {
    return {
      ...client,
      allowedScopes: [...client.allowedScopes],
      purposes: client.purposes.map((purpose) => ({ ...purpose })),
      ipAllowlist: [...client.ipAllowlist],
      jwtApiScopes: [...client.jwtApiScopes],
      returnOrigins: [...client.returnOrigins],
      createdAt: client.createdAt.toISOString(),
      updatedAt: client.updatedAt.toISOString(),
      lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
    };
  }
}

export class ServiceKeyDto {
  @ApiProperty({ format: 'uuid', description: "The key's id (to revoke it)." }) id!: string;
  @ApiProperty({ description: 'The key’s first characters after `gk_<env>_`, to tell keys apart.' })
  lookupPrefix!: string;
  @ApiProperty({
    type: [String],
    enum: SERVICE_API_SCOPES,
    description: 'The service API scopes the key may call.',
  })
  apiScopes!: string[];
  @ApiProperty({ format: 'date-time', description: 'When the key was made.' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the key stops working.' })
  expiresAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When an admin revoked the key; null while live.',
  })
  revokedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the key was last used (written at most once a minute).',
  })
  lastUsedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The address the key was last used from.',
  })
  lastUsedIp!: string | null;

  static from(key: ServiceKeyView): ServiceKeyDto {
    return {
      id: key.id,
      lookupPrefix: key.lookupPrefix,
      apiScopes: [...key.apiScopes],
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt.toISOString(),
      revokedAt: key.revokedAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: key.lastUsedIp,
    };
  }
}

export class ServiceClientDetailDto {
  @ApiProperty({ type: ServiceClientDto }) client!: ServiceClientDto;
  @ApiProperty({ type: [ServiceKeyDto] }) keys!: ServiceKeyDto[];
}

export class CreatedServiceKeyDto extends ServiceKeyDto {
  @ApiProperty({ description: 'The key itself: shown this once, stored only as a hash.' })
  key!: string;
}
