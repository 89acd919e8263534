import type { AuditEvent } from '../api/api-types';
import { labelOf, plural, shortScope } from './labels';

/** Who did it, for people: an email where there is one, with the id for the tooltip. */
export interface Actor {
  readonly text: string;
  readonly title: string;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  google: 'Google',
  system: 'Grantkeeper',
  service: 'A service',
};

export function actorOf(event: AuditEvent): Actor {
  const id = event.actorId ? `${event.actorKind}:${event.actorId}` : event.actorKind;
  if (event.actorKind === 'anonymous') {
    // A step of a request before its user is known (a code exchange): the request's user did it.
    if (event.requestUserId) {
      return {
        text: event.requestUserEmail ?? shortId(event.requestUserId),
        title: `user:${event.requestUserId} (a step of their request, recorded before they were known)`,
      };
    }
    return { text: 'someone not signed in', title: 'anonymous' };
  }
  if (event.actorKind === 'user' || event.actorKind === 'admin') {
    const who = event.actorEmail ?? (event.actorId ? shortId(event.actorId) : event.actorKind);
    return { text: event.actorKind === 'admin' ? `admin ${who}` : who, title: id };
  }
  const name = KIND_NAMES[event.actorKind] ?? event.actorKind;
  return { text: event.actorId ? `${name} ${event.actorId}` : name, title: id };
}

/** The event as a sentence an admin reads without the JSON; the JSON stays one click away. */
export function sentenceOf(event: AuditEvent): string {
  const who = capitalise(actorOf(event).text);
  const subject =
    event.subjectEmail ?? (event.subjectUserId ? shortId(event.subjectUserId) : 'a user');
  const d = event.details;
  const text = (key: string) => (typeof d[key] === 'string' ? d[key] : '');
  const count = (key: string) => (typeof d[key] === 'number' ? d[key] : 0);
  const reason = labelOf(text('reason') || 'unknown');
  const scopes = Array.isArray(d['scopes'])
    ? (d['scopes'] as unknown[]).filter((s) => typeof s === 'string').map(shortScope)
    : [];
  const scopeList = scopes.length ? `: ${scopes.join(', ')}` : '';
  switch (event.action) {
    case 'sign_in.succeeded':
      return `${who} signed in${text('method') === 'google_code' ? ' (with offline access)' : ''}`;
    case 'sign_in.failed':
      return `A sign-in was refused: ${reason}`;
    case 'sign_out':
      return `${who} signed out`;
    case 'session.ended':
      return `A session of ${subject} ended: ${reason}`;
    case 'offline_access.code_exchanged':
      return `Google exchanged ${event.requestUserId ? `${who}'s` : 'a'} consent code${scopeList}`;
    case 'offline_access.code_exchange_failed':
      return `Google refused a consent code: ${reason}`;
    case 'offline_access.grant_created':
      return `${who} granted offline access${scopeList}`;
    case 'offline_access.grant_updated':
      return `${who} changed their offline access${scopeList}`;
    case 'offline_access.refresh_succeeded':
      return `Access token refreshed for ${subject}${d['rotated'] === true ? ' (Google rotated the refresh token)' : ''}`;
    case 'offline_access.refresh_failed':
      return `Refresh failed for ${subject}: ${reason}${d['final'] === true ? '; the grant is over' : ''}`;
    case 'offline_access.revoked':
      return text('by') === 'google'
        ? `Google ended ${subject}'s grant: ${reason}`
        : `${who} revoked ${subject}'s grant${text('reason') ? `: “${text('reason')}”` : ''}`;
    case 'offline_access.upstream_revoke_refused':
      return `Google refused to revoke ${subject}'s token: ${reason}`;
    case 'admin.role_changed':
      return `${who} changed ${subject}'s role from ${text('from')} to ${text('to')}`;
    case 'admin.role_granted':
      return `${capitalise(subject)} was made an admin ${text('at') === 'bearer_request' ? 'on an API request' : 'at sign-in'}: the address is in ${text('by') || 'ADMIN_EMAILS'}${text('from') === 'new_user' ? ' (a new account)' : ''}`;
    case 'admin.session_revoked':
      return `${who} ended a session of ${subject}`;
    case 'admin.sessions_revoked':
      return `${who} ended ${plural(count('revoked'), 'session')} of ${subject}`;
    case 'admin.grants_bulk_revoked':
      return `${who} revoked ${plural(count('revoked'), 'grant')} matching a filter: “${text('reason')}”`;
    case 'admin.job_retried':
      return `${who} retried a failed ${text('queue') || 'background'} job`;
    case 'admin.rewrap_started':
      return `${who} started re-wrapping ${plural(count('queued'), 'envelope')}`;
    case 'vault.rewrapped':
      return `${plural(count('rewrapped'), 'envelope')} re-wrapped to the active key, ${count('remaining').toLocaleString('en')} left`;
    default:
      if (event.action.startsWith('risc.')) {
        return `Google reported ${labelOf(event.action.slice(5).replaceAll('-', '_'))} for ${subject}`;
      }
      return `${event.action} by ${actorOf(event).text}`;
  }
}

function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** "Someone …", "Admin …"; an email stays as it is written. */
function capitalise(text: string): string {
  return /^\S+@/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
