import type { AppConfig } from '@grantkeeper/config';

/** The test accounts the emulator's account chooser offers (see apps/google-emulator). */
const TEST_ACCOUNTS = [
  ['alice@example.com', 'Alice Example', 'a regular user'],
  ['admin@grantkeeper.test', 'Ada Admin', 'the bootstrap admin'],
  ['bob@corp.example', 'Bob Builder', 'a Workspace user (hd=corp.example)'],
  ['carol@example.net', 'Carol Unverified', 'email not verified'],
];

/** What each OFFLINE_ACCESS mode means for the person trying the product. */
const OFFLINE_ACCESS_MODES: Record<AppConfig['offlineAccess']['mode'], string> = {
  optional: 'optional (OFFLINE_ACCESS=optional: users sign in, then may switch it on)',
  required: 'required (OFFLINE_ACCESS=required: one button signs in and grants it)',
};

export function printBanner(
  config: AppConfig,
  warnings: readonly string[],
  adminEmails: string | undefined,
  services: ReadonlyArray<readonly [string, string]> = [],
): void {
  const rows: [string, string][] = [
    ['Sign in', `${config.publicUrl}/`],
    ['Your account', `${config.publicUrl}/account`],
    ['Admin dashboard', `${config.publicUrl}/admin/`],
    ['API docs', `${config.publicUrl}/api/docs`],
    ['Health', `${config.publicUrl}/health`],
    ...services.map(([label, url]): [string, string] => [label, url]),
    ['Offline access', OFFLINE_ACCESS_MODES[config.offlineAccess.mode]],
  ];
  if (config.google.usesEmulator) {
    rows.push(['Google (emulated)', new URL(config.google.urls.jwks).origin]);
  }
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [
    '',
    'Grantkeeper is running.',
    '',
    ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`),
  ];
  if (config.google.usesEmulator) {
    lines.push('');
    lines.push('  Test accounts in the emulator’s account chooser:');
    for (const [email, name, note] of TEST_ACCOUNTS)
      lines.push(`    ${email.padEnd(24)} ${name} — ${note}`);
  }
  lines.push('', `  Admins (ADMIN_EMAILS): ${adminEmails || '(none)'}`, '');
  for (const warning of warnings) lines.push(`  WARNING: ${warning}`);
  lines.push('', 'Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}
