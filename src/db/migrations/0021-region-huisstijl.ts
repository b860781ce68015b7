/**
 * A region's huisstijl (issue 18 §4, ADR 0026): its logo and its two colours, shown by the web
 * app over the Koers theme. One row per region, or none (then the Koers theme as it is). The
 * logo is a small image as a data: URL (the Content-Security-Policy admits images from the
 * app itself and data: only, so no third-party request), at most 96,000 characters here;
 * the server takes at most 64 kB of image. The colours are `#rrggbb`; that they contrast
 * enough with white is checked by the server (src/regions/huisstijl.ts), not here, so that
 * the rule can be sharpened without a migration. Everyone in the region reads it; only the
 * region's team (role `regio`) writes it.
 */
import type { Migration } from './index.ts'

export const regionHuisstijl: Migration = {
  name: '0021-region-huisstijl',
  statements: [
    `create table region_huisstijl (
       region_id integer primary key references region (id),
       logo text check (logo is null or (logo like 'data:image/%' and length(logo) <= 96000)),
       primary_colour text not null check (primary_colour ~ '^#[0-9a-f]{6}$'),
       band_colour text not null check (band_colour ~ '^#[0-9a-f]{6}$'),
       changed_by integer,
       changed_at timestamptz not null default now()
     )`,
    `alter table region_huisstijl enable row level security`,
    `create policy region_scope on region_huisstijl
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    `create policy regio_writes on region_huisstijl as restrictive for insert with check (koers_role() = 'regio')`,
    `create policy regio_updates on region_huisstijl as restrictive for update using (koers_role() = 'regio')`,
    `create policy regio_deletes on region_huisstijl as restrictive for delete using (koers_role() = 'regio')`,
  ],
}
