/**
 * The toezichthouder draws lawfulness samples (issue 18 §6): from the declarations of a gemeente
 * it names (src/declaraties/rechtmatigheid.queries.ts). Until now only the lokaal team and the
 * gemeente could insert a sample and its drawn lines; recording findings stays theirs.
 */
import type { Migration } from './index.ts'

export const toezichtSteekproef: Migration = {
  name: '0020-toezicht-steekproef',
  statements: [
    `drop policy gemeente_writes_insert on steekproef`,
    `create policy gemeente_writes_insert on steekproef as restrictive for insert
       with check (koers_role() in ('lokaal_team', 'gemeente', 'toezichthouder'))`,
    `drop policy gemeente_writes_insert on steekproef_regel`,
    `create policy gemeente_writes_insert on steekproef_regel as restrictive for insert
       with check (koers_role() in ('lokaal_team', 'gemeente', 'toezichthouder'))`,
  ],
}
