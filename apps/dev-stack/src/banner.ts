import type { AppConfig } from '@grantkeeper/config';

/** The test accounts the emulator's account chooser offers (see apps/google-emulator). */
const TEST_ACCOUNTS = [
  ['alice@example.com', 'Alice Example', 'a regular user'],
  ['admin@grantkeeper.test', 'Ada Admin', 'the bootstrap admin'],
  ['bob@corp.example', 'Bob Builder', 'a Workspace user (hd=corp.example)'],
  ['carol@example.net', 'Carol Unverified', 'email not verified'],
];

export function printBanner(
  config: AppConfig,
  warnings: readonly string[],
  adminEmails: string | undefined,
): void {
  const lines = [
    '',
    'Grantkeeper is running.',
    '',
    `  Sign in:        ${config.publicUrl}/`,
    `  Your account:   ${config.publicUrl}/account`,
    `  Admin dashboard: ${config.publicUrl}/admin/`,
    `  API docs:       ${config.publicUrl}/api/docs`,
    `  Health:         ${config.publicUrl}/health`,
  ];
  if (config.google.usesEmulator) {
    lines.push(`  Google (emulated): ${new URL(config.google.urls.jwks).origin}`, '');
    lines.push('  Test accounts in the emulator’s account chooser:');
    for (const [email, name, note] of TEST_ACCOUNTS)
      lines.push(`    ${email.padEnd(24)} ${name} — ${note}`);
  }
  lines.push('', `  Admins (ADMIN_EMAILS): ${adminEmails || '(none)'}`, '');
  for (const warning of warnings) lines.push(`  WARNING: ${warning}`);
  lines.push('', 'Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}
