import { ApiProperty } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../authenticated-user.js';
import type { UserEntity } from '../user.entity.js';

/** The signed-in user as pages and API callers see it. */
export class UserProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "Google's stable account id (`sub`)." }) sub!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) givenName!: string | null;
  @ApiProperty({ type: String, nullable: true }) familyName!: string | null;
  @ApiProperty({ type: String, nullable: true }) picture!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Google Workspace domain.' })
  hd!: string | null;
  @ApiProperty({ enum: ['user', 'admin'] }) role!: 'user' | 'admin';
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSignInAt!: string | null;

  static from(user: AuthenticatedUser | UserEntity): UserProfileDto {
    return {
      id: user.id,
      sub: user.googleSub,
      email: user.email,
      emailVerified: user.emailVerified,
      name: user.name,
      givenName: user.givenName,
      familyName: user.familyName,
      picture: user.picture,
      hd: user.hd,
      role: user.role,
      createdAt: user.createdAt.toISOString(),
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    };
  }
}
