import type pg from 'pg';
import {
  DOMAINS,
  FIRST_NAMES,
  HOSTED_DOMAIN,
  LAST_NAMES,
  SEEDED_SUB_FROM,
  sqlTextArray,
} from './seed-vocabulary.js';

/** Seeded users that are admins: the first few, so the admin-only screens have actors. */
export const SEEDED_ADMINS = 3;

/** The email-safe spelling of a name: lower case ASCII letters only. */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * Users `from`..`to` of `total` in one statement. Sign-ups grow over the two years (the density
 * rises linearly towards `now`: user n signs up at √(n/total) of the span) and are inserted in
 * sign-up order, as a live table fills; most users signed in recently; emails are `first.last<n>@domain`, so
 * the admin search finds them by email prefix, name substring or exact `sub`.
 */
export async function insertUsers(
  client: pg.ClientBase,
  from: number,
  to: number,
  total: number,
  now: Date,
  spanDays: number,
): Promise<void> {
  await client.query(
    `INSERT INTO users (google_sub, email, email_verified, name, given_name, family_name, picture,
                        hd, role, created_at, updated_at, last_sign_in_at)
     SELECT '${SEEDED_SUB_FROM}' || lpad(n::text, 20, '0'),
            e_first[fi] || '.' || e_last[li] || n || '@' || domain,
            true, first[fi] || ' ' || last[li], first[fi], last[li],
            CASE WHEN r_pic < 0.7 THEN 'https://lh3.googleusercontent.com/a/seed' || n END,
            CASE WHEN domain = '${HOSTED_DOMAIN}' THEN domain END,
            CASE WHEN n <= ${SEEDED_ADMINS} THEN 'admin' ELSE 'user' END,
            created_at, coalesce(last_sign_in_at, created_at), last_sign_in_at
       FROM (SELECT n, fi, li, r_pic, domains[1 + (n % ${DOMAINS.length})] AS domain, created_at,
                    CASE WHEN r_sign_in >= 0.03
                         THEN created_at + ($2::timestamptz - created_at) * (1 - power(r_sign_in, 4))
                    END AS last_sign_in_at
               FROM (SELECT n, 1 + floor(random() * $5)::int AS fi,
                            1 + floor(random() * $6)::int AS li, random() AS r_pic,
                            random() AS r_sign_in,
                            $2::timestamptz - $3 * (1 - sqrt((n - random()) / $7))
                              * interval '1 day' AS created_at
                       FROM generate_series($1::int, $4::int) AS n) AS r,
                    (SELECT ${sqlTextArray(DOMAINS)} AS domains) AS d) AS u,
            (SELECT ${sqlTextArray(FIRST_NAMES)} AS first, ${sqlTextArray(LAST_NAMES)} AS last,
                    ${sqlTextArray(FIRST_NAMES.map(emailPart))} AS e_first,
                    ${sqlTextArray(LAST_NAMES.map(emailPart))} AS e_last) AS v`,
    [from, now, spanDays, to, FIRST_NAMES.length, LAST_NAMES.length, total],
  );
}
