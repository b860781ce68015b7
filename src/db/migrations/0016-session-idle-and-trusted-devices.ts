/**
 * Sessions end after a time without use as well as at their absolute expiry
 * (`KOERS_SESSION_IDLE_MINUTES`): `session.last_seen_at` is when the session was last used,
 * updated at most once a minute. `trusted_device`: a browser where a user logged in before
 * holds a long-lived cookie whose SHA-256 is kept here; its logins are limited on their own
 * and not by the limits of unknown browsers, so an attacker who fails on a username or from an
 * address shared behind a proxy does not lock its users out (src/auth/rate-limit.ts). Only
 * for the system connection, like `session`.
 */
import type { Migration } from './index.ts'

export const sessionIdleAndTrustedDevices: Migration = {
  name: '0016-session-idle-and-trusted-devices',
  statements: [
    `alter table session add column last_seen_at timestamptz not null default now()`,
    `create index session_user_idx on session (user_id)`,
    `create table trusted_device (
       token_hash text primary key,
       region_id integer not null references region (id),
       user_id integer not null,
       created_at timestamptz not null default now(),
       expires_at timestamptz not null,
       foreign key (region_id, user_id) references app_user (region_id, id) on delete cascade
     )`,
    `create index trusted_device_user_idx on trusted_device (user_id)`,
    `create index trusted_device_expires_idx on trusted_device (expires_at)`,
    `revoke all on trusted_device from koers_app`,
  ],
}
