/**
 * Once per run: when TEST_DATABASE_URL names a PostgreSQL server, create the cluster-wide
 * role `koers_app` up front, so parallel test files do not race to create it.
 */
import pg from 'pg'

export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`do $$ begin
      if not exists (select from pg_roles where rolname = 'koers_app') then create role koers_app nologin noinherit; end if;
    end $$`)
  } finally {
    await client.end()
  }
}
