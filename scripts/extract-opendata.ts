/**
 * Extracts the open-data figures the demo generator needs from ../shared/opendata into
 * src/demo/data/opendata-facts.json, each with its source, so that Koers never reads
 * ../shared at run time. Run: `npm run extract-opendata` (see docs/demo-data.md).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

const shared = resolve(import.meta.dirname, '../../shared/opendata')
const out = resolve(import.meta.dirname, '../src/demo/data/opendata-facts.json')

function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(resolve(shared, path), 'utf8').trim().split(/\r?\n/)
  const cols = head!.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v.trim()])))
}
const num = (s: string | undefined) => (s === undefined || s === '' || s === '.' ? null : Number(s))

const kern = csv('derived/regio13_kerncijfers.csv')
const iv3 = csv('derived/regio13_iv3_taakveld6.csv').filter((r) => r.jaar === '2023' && r.soort === 'jaarrekening')

const gemeenten = kern.map((r) => {
  const lasten = Object.fromEntries(
    iv3
      .filter((x) => x.gemeente === r.gemeente && /^6\.(71|72|73|74)[a-d] /.test(x.taakveld!))
      .map((x) => [x.taakveld!.split(' ')[0], Math.round(Number(x.lasten_x1000_eur) * 1000)]),
  )
  return {
    region: r.regio,
    cbsCode: r.gemeentecode!.replace('GM', ''),
    name: r.gemeente,
    population: num(r.inwoners_2022_kwb),
    youthWithCare2022: num(r.jongeren_met_jeugdzorg_in_natura_2022),
    youthTrajectories2022: num(r.trajecten_jeugdzorg_in_natura_2022),
    wmoClients2021: num(r.wmo_clienten_2021),
    wmoClientsPer1000_2021: num(r.wmo_clienten_per_1000_inw_2021),
    iv3Jaarrekening2023EurosByTaakveld: lasten,
  }
})

writeFileSync(
  out,
  `${JSON.stringify(
    {
      sources: {
        population: 'CBS Kerncijfers wijken en buurten 2022 (a_inw), via shared/opendata/derived/regio13_kerncijfers.csv',
        youthWithCare2022: 'CBS Jeugdzorg in natura 2022 (TotaalJongerenMetJeugdzorgInNatura_1), same file',
        youthTrajectories2022: 'CBS Jeugdzorg in natura 2022 (TotaalTrajectenInNatura_9), same file',
        wmoClients2021: 'CBS KWB 2021 (a_wmo_t, Wmo maatwerkvoorziening), same file; null = not published',
        iv3Jaarrekening2023EurosByTaakveld:
          'CBS Iv3 jaarrekening 2023, lasten per taakveld 6.71a–6.74c in euros (source in x €1.000), via shared/opendata/derived/regio13_iv3_taakveld6.csv',
        licence: 'CBS, CC BY 4.0 — Bron: CBS',
      },
      gemeenten,
    },
    null,
    2,
  )}\n`,
)
console.log(`wrote ${gemeenten.length} gemeenten to ${out}`)
