import { z } from 'zod';
import { findTestUser, type TestUser } from './test-users.js';

/**
 * The browser's "Google session": which accounts are signed in to Google in this browser and
 * which OAuth clients each has already approved. Google keeps this in its own cookies (SID, …) on
 * accounts.google.com; the emulator keeps it in one cookie on its own origin, so One Tap can
 * recognise a returning user exactly as Google does.
 */
export const SESSION_COOKIE = 'GEMU_SID';
const MAX_AGE_SECONDS = 400 * 24 * 3600; // browsers cap cookie lifetime at 400 days

export interface SessionAccount {
  sub: string;
  /** Client ids this account has signed in to (its "third-party connections"). */
  approved: string[];
}

/** Signed-in accounts, most recently used first. */
export type GoogleSession = SessionAccount[];

const sessionSchema = z.array(z.object({ sub: z.string(), approved: z.array(z.string()) }));

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

/** The session in the request's cookies; a missing or tampered cookie is an empty session. */
export function readSession(cookieHeader: string | undefined): GoogleSession {
  const raw = parseCookies(cookieHeader).get(SESSION_COOKIE);
  if (raw === undefined) return [];
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString()));
    return parsed.success ? parsed.data.filter((account) => findTestUser(account.sub)) : [];
  } catch {
    return [];
  }
}

/**
 * The session after `sub` signed in to `clientId`: that account first, the client approved.
 * Without a client the account is only signed in to Google (the OAuth chooser, before consent).
 */
export function rememberChoice(
  session: GoogleSession,
  sub: string,
  clientId?: string,
): GoogleSession {
  const previous = session.find((account) => account.sub === sub);
  const approved = new Set([...(previous?.approved ?? []), ...(clientId ? [clientId] : [])]);
  return [{ sub, approved: [...approved] }, ...session.filter((account) => account.sub !== sub)];
}

export function sessionUsers(session: GoogleSession): { user: TestUser; approved: string[] }[] {
  return session.flatMap((account) => {
    const user = findTestUser(account.sub);
    return user ? [{ user, approved: account.approved }] : [];
  });
}

/**
 * `Set-Cookie` for the session. Over https it is `SameSite=None; Secure` like Google's, so the One
 * Tap iframe sees it on any site; over http (localhost) `Lax` is enough, because a page on
 * http://localhost:3000 and the emulator on http://localhost:4400 are the same site.
 */
export function sessionSetCookie(session: GoogleSession, secure: boolean): string {
  const value = Buffer.from(JSON.stringify(session)).toString('base64url');
  const attributes = secure ? 'SameSite=None; Secure' : 'SameSite=Lax';
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; ${attributes}`;
}
