// Set-based SQL of the audit seeding (seed-audit.ts). Every statement takes a window of days
// [$1, $2) counted from $3 (the start of the two years) and inserts that window's events in time
// order, so ids grow with time and the table is laid out as an append-only log would be.
// Random events fall before day $5 (now); the last window's lifecycle bound is a day past it.

const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';

/** A request's context (browser calls): a request id, an address from the TEST-NETs, a browser. */
const CONTEXT = `gen_random_uuid()::text,
  (ARRAY['203.0.113.', '198.51.100.', '192.0.2.'])[1 + floor(rx * 3)::int] || (1 + floor(rx * 25400)::int % 254),
  agents[1 + floor(rx * 1000)::int % cardinality(agents)]`;

const NO_CONTEXT = 'NULL::text, NULL::text, NULL::text';

/**
 * Lifecycle events of the seeded grants in the window: each grant's creation (by its user),
 * its revocation (by whoever `revoked_by` names), and the suspension of suspended grants.
 */
export const LIFECYCLE_EVENTS_SQL = `
  SELECT g.created_at AS occurred_at, 'user' AS actor_kind, g.user_id::text AS actor_id,
         'offline_access.grant_created' AS action, g.user_id AS subject_user_id, g.id AS grant_id,
         ${CONTEXT},
         jsonb_build_object('scopes', to_jsonb(g.scopes), 'refresh_token_issued', true) AS details
    FROM seed_grants g, seed_agents, LATERAL (SELECT random() AS rx) r
   WHERE g.created_at >= $3::timestamptz + $1 * interval '1 day'
     AND g.created_at < $3::timestamptz + $2 * interval '1 day'
  UNION ALL
  SELECT g.revoked_at, CASE WHEN g.revoked_by = 'google' THEN 'google'
                            ELSE split_part(g.revoked_by, ':', 1) END,
         nullif(split_part(g.revoked_by, ':', 2), ''), 'offline_access.revoked', g.user_id, g.id,
         CASE WHEN g.revoked_by = 'google' THEN NULL ELSE gen_random_uuid()::text END,
         CASE WHEN g.revoked_by = 'google' THEN NULL ELSE '203.0.113.' || (1 + floor(rx * 254)) END,
         CASE WHEN g.revoked_by = 'google' THEN NULL ELSE agents[1] END,
         CASE WHEN g.revoked_by = 'google'
              THEN jsonb_build_object('reason', g.revocation_reason, 'by', 'google')
              ELSE jsonb_build_object('reason', g.revocation_reason, 'by', g.revoked_by,
                                      'upstream', 'revoked') END
    FROM seed_grants g, seed_agents, LATERAL (SELECT random() AS rx) r
   WHERE g.revoked_at >= $3::timestamptz + $1 * interval '1 day'
     AND g.revoked_at < $3::timestamptz + $2 * interval '1 day'
  UNION ALL
  SELECT g.updated_at, 'google', NULL, 'offline_access.suspended', g.user_id, g.id, ${NO_CONTEXT},
         jsonb_build_object('reason', 'risc_account_disabled', 'by', 'google')
    FROM seed_grants g
   WHERE g.status = 'suspended'
     AND g.updated_at >= $3::timestamptz + $1 * interval '1 day'
     AND g.updated_at < $3::timestamptz + $2 * interval '1 day'`;

/**
 * $4 random events in the window, each on a user (and grant) that existed by then, picked in
 * proportion: ~52 % keep-alive refreshes (system), 27 % sign-ins and 7 % sign-outs (users),
 * ~8 % anonymous (failed sign-ins, code exchanges), a few RISC events (google) and admin actions.
 * A grant event that would fall after its grant's revocation becomes a sign-in of a user instead.
 */
export const RANDOM_EVENTS_SQL = `
  WITH raw AS (
    SELECT $3::timestamptz + ($1 + random() * (least($2, $5) - $1)) * interval '1 day' AS t,
           random() AS rk, random() AS rp, random() AS rq, random() AS rx
      FROM generate_series(1, $4::int)
  ), picked AS (
    SELECT raw.*, u.id AS uid, u.created_at AS u_created, g.id AS gid, g.user_id AS g_uid,
           g.created_at AS g_created, g.revoked_at AS g_revoked, g.scopes AS g_scopes,
           a.id AS admin_id
      FROM raw
      JOIN seed_days sd
        ON sd.d = least(floor(extract(epoch FROM raw.t - $3::timestamptz) / 86400)::int, $5::int)
      LEFT JOIN seed_users u ON u.i = 1 + floor(raw.rp * sd.users)::bigint
      LEFT JOIN seed_grants g ON g.i = 1 + floor(raw.rq * sd.grants)::bigint
      LEFT JOIN seed_admins a ON a.i = 1 + floor(raw.rx * (SELECT count(*) FROM seed_admins))::int
  ), typed AS (
    SELECT p.*, CASE
      WHEN (p.rk < 0.06 OR p.rk >= 0.4805) AND p.gid IS NOT NULL
           AND (p.g_revoked IS NULL OR greatest(p.t, p.g_created) < p.g_revoked)
        THEN CASE WHEN p.rk < 0.04 THEN 'offline_access.refresh_failed'
                  WHEN p.rk < 0.06 THEN 'offline_access.grant_updated'
                  ELSE 'offline_access.refresh_succeeded' END
      WHEN p.rk < 0.06 OR p.rk >= 0.4805 OR p.rk < 0.33 THEN 'sign_in.succeeded'
      WHEN p.rk < 0.40 THEN 'sign_out'
      WHEN p.rk < 0.43 THEN 'sign_in.failed'
      WHEN p.rk < 0.47 THEN 'offline_access.code_exchanged'
      WHEN p.rk < 0.475 THEN 'offline_access.code_exchange_failed'
      WHEN p.rk < 0.478 THEN 'risc.sessions-revoked'
      WHEN p.rk < 0.4785 THEN 'risc.account-credential-change-required'
      WHEN p.admin_id IS NOT NULL THEN 'admin.sessions_revoked'
      ELSE 'sign_in.succeeded' END AS action
      FROM picked p
  ), kinded AS (
    SELECT t.*, CASE
      WHEN action IN ('offline_access.refresh_failed', 'offline_access.refresh_succeeded')
        THEN 'system'
      WHEN action IN ('offline_access.grant_updated', 'sign_in.succeeded', 'sign_out') THEN 'user'
      WHEN action LIKE 'risc.%' THEN 'google'
      WHEN action = 'admin.sessions_revoked' THEN 'admin'
      ELSE 'anonymous' END AS actor_kind,
      action LIKE 'offline_access.%' AND action NOT LIKE 'offline_access.code_%' AS on_grant
      FROM typed t
  )
  SELECT CASE WHEN on_grant THEN greatest(t, g_created)
              WHEN actor_kind = 'anonymous' THEN t ELSE greatest(t, u_created) END,
         actor_kind,
         CASE actor_kind WHEN 'user' THEN (CASE WHEN on_grant THEN g_uid ELSE uid END)::text
                         WHEN 'admin' THEN admin_id::text END,
         action,
         CASE WHEN on_grant THEN g_uid WHEN actor_kind <> 'anonymous' THEN uid END,
         CASE WHEN on_grant THEN gid END,
         CASE WHEN actor_kind IN ('system', 'google') THEN NULL ELSE gen_random_uuid()::text END,
         CASE WHEN actor_kind IN ('system', 'google') THEN NULL
              ELSE (ARRAY['203.0.113.', '198.51.100.', '192.0.2.'])[1 + floor(rx * 3)::int]
                   || (1 + floor(rx * 25400)::int % 254) END,
         CASE WHEN actor_kind IN ('system', 'google') THEN NULL
              ELSE agents[1 + floor(rx * 1000)::int % cardinality(agents)] END,
         CASE action
           WHEN 'offline_access.refresh_succeeded'
             THEN jsonb_build_object('rotated', false)
           WHEN 'offline_access.refresh_failed'
             THEN jsonb_build_object('reason', 'upstream_unavailable', 'final', false)
           WHEN 'offline_access.grant_updated'
             THEN jsonb_build_object('scopes', to_jsonb(g_scopes), 'refresh_token_issued', false)
           WHEN 'sign_in.succeeded'
             THEN jsonb_build_object('method', CASE WHEN rx < 0.9 THEN 'google_id_token'
                                                    ELSE 'google_code' END,
                                     'session_id', gen_random_uuid())
           WHEN 'sign_out' THEN jsonb_build_object('session_id', gen_random_uuid())
           WHEN 'sign_in.failed'
             THEN jsonb_build_object('reason', (ARRAY['expired', 'bad_signature',
                    'wrong_audience', 'malformed'])[1 + floor(rx * 4)::int])
           WHEN 'offline_access.code_exchanged'
             THEN jsonb_build_object('scopes', jsonb_build_array(
                    'https://www.googleapis.com/auth/gmail.send',
                    'https://www.googleapis.com/auth/userinfo.email',
                    'https://www.googleapis.com/auth/userinfo.profile', 'openid'))
           WHEN 'offline_access.code_exchange_failed'
             THEN jsonb_build_object('reason', 'invalid_grant')
           WHEN 'risc.sessions-revoked'
             THEN jsonb_build_object('jti', gen_random_uuid(), 'event_type',
                    '${RISC}sessions-revoked', 'user_found', true, 'sessions_ended', 1)
           WHEN 'risc.account-credential-change-required'
             THEN jsonb_build_object('jti', gen_random_uuid(), 'event_type',
                    '${RISC}account-credential-change-required', 'user_found', true)
           ELSE jsonb_build_object('revoked', 1) END
    FROM kinded, seed_agents`;
