// The vocabulary synthetic rows are drawn from: names, reserved example domains (RFC 2606),
// scopes as the product stores them (normalised, sorted), browsers.

export const FIRST_NAMES = (
  'Ada|Alan|Grace|Edsger|Barbara|Donald|Frances|Ken|Margaret|Dennis|Radia|Tim|Hedy|Linus|' +
  'Katherine|John|Sophie|Guido|Annie|Bjarne|Mary|Niklaus|Lynn|Vint|Shafi|Leslie|Anita|Tony|' +
  'Carol|Yukihiro|Joan|Whitfield|Evelyn|Ivan|Jean|Robin|Elena|Mateo|Amara|Kenji'
).split('|');

export const LAST_NAMES = (
  'Lovelace|Turing|Hopper|Dijkstra|Liskov|Knuth|Allen|Thompson|Hamilton|Ritchie|Perlman|' +
  'Berners-Lee|Lamarr|Torvalds|Johnson|McCarthy|Wilson|van Rossum|Easley|Stroustrup|Keller|' +
  'Wirth|Conway|Cerf|Goldwasser|Lamport|Borg|Hoare|Shaw|Matsumoto|Clarke|Diffie|Boyd|' +
  'Sutherland|Sammet|Milner|García|Okafor|Nakamura|Müller'
).split('|');

export const DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'mail.example',
  'corp.example',
];

/** The Workspace domain of the synthetic users that have one (`hd`). */
export const HOSTED_DOMAIN = 'corp.example';

export const SCOPE = {
  calendar: 'https://www.googleapis.com/auth/calendar.readonly',
  drive: 'https://www.googleapis.com/auth/drive.file',
  gmailSend: 'https://www.googleapis.com/auth/gmail.send',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
} as const;

export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0',
  'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Mobile Safari/537.36',
];

/** A SQL array literal of text values, for `(ARRAY[…])[i]` picks in set-based inserts. */
export function sqlTextArray(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]::text[]`;
}

/**
 * Seeded users' `google_sub`: `9` and 20 digits. Google's subjects are 21 digits starting with 1,
 * so a seeded account can never be a real one, and `google_sub >= '9'` finds them by index.
 */
export function seededSub(n: number): string {
  return `9${String(n).padStart(20, '0')}`;
}

export const SEEDED_SUB_FROM = '9';
