/** A Google account the emulator knows. */
export interface TestUser {
  /**
   * Google's stable account id: 21 decimal digits, never reused, unlike the email address. Ours
   * are easy to read in assertions (…001 Alice, …002 Ada, …003 Bob, …004 Carol).
   */
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  givenName: string;
  familyName: string;
  /** Google Workspace domain; absent for consumer accounts (and then absent from ID tokens). */
  hd?: string;
  /** Background of the generated avatar. */
  color: string;
}

export const TEST_USERS: readonly TestUser[] = [
  {
    sub: '100000000000000000001',
    email: 'alice@example.com',
    emailVerified: true,
    name: 'Alice Example',
    givenName: 'Alice',
    familyName: 'Example',
    color: '#1a73e8',
  },
  {
    sub: '100000000000000000002',
    email: 'admin@grantkeeper.test',
    emailVerified: true,
    name: 'Ada Admin',
    givenName: 'Ada',
    familyName: 'Admin',
    color: '#188038',
  },
  {
    sub: '100000000000000000003',
    email: 'bob@corp.example',
    emailVerified: true,
    name: 'Bob Builder',
    givenName: 'Bob',
    familyName: 'Builder',
    hd: 'corp.example',
    color: '#e37400',
  },
  {
    sub: '100000000000000000004',
    email: 'carol@example.net',
    emailVerified: false,
    name: 'Carol Unverified',
    givenName: 'Carol',
    familyName: 'Unverified',
    color: '#a142f4',
  },
];

/** Alice: who `/__control/id-token` signs for unless told otherwise. */
export const DEFAULT_TEST_USER: TestUser = TEST_USERS[0];

export function findTestUser(sub: string): TestUser | undefined {
  return TEST_USERS.find((user) => user.sub === sub);
}

export function avatarPath(user: TestUser): string {
  return `/avatars/${user.sub}.svg`;
}
