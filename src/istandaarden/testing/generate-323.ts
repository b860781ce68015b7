/**
 * Writes a valid JW323 (iJw 3.2 declaratie) with N prestaties spread over N/5 clients, in the
 * layout of the standard's own example (tabs, one element per line): about 820 bytes a
 * prestatie, like the files in shared/BASELINES.md. Values vary per line and are consistent
 * (valid BSNs, amounts = volume × tariff, one declaration month), so level 1 and level 2 pass.
 *
 *   node --import tsx src/istandaarden/testing/generate-323.ts PRESTATIES OUT.xml
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

export interface Generate323Options {
  /** Contracted tariff per product code (cents); default a tariff varying per line. */
  tariffPerCode?: Record<string, number>
  /** Every so many lines gets a tariff one cent off the contract (TR418, 0611): a rejection mix. */
  wrongTariffEvery?: number
  /** The three product codes of categorie 45 the lines cycle through (default 45A03, 45A04, 45A48). */
  codes?: readonly [string, string, string]
}

export async function generate323(prestaties: number, path: string, options: Generate323Options = {}): Promise<{ bytes: number; totaal: number }> {
  const codes = options.codes ?? ['45A03', '45A04', '45A48']
  const codeOf = (n: number) => codes[n % 3]!
  const tariffOf = (n: number): number => {
    const contracted = options.tariffPerCode?.[codeOf(n)] ?? 6500 + (n % 7) * 250
    return options.wrongTariffEvery && n % options.wrongTariffEvery === options.wrongTariffEvery - 1 ? contracted + 1 : contracted
  }
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  let bytes = 0
  let pending = ''
  const write = async (s: string): Promise<void> => {
    pending += s
    if (pending.length >= 1 << 20) {
      bytes += Buffer.byteLength(pending)
      if (!out.write(pending)) await once(out, 'drain')
      pending = ''
    }
  }
  const perClient = 5
  const clients = Math.ceil(prestaties / perClient)
  // The total comes first in the file, so compute it before writing.
  let totaal = 0
  for (let i = 0; i < prestaties; i++) totaal += volumeOf(i) * tariffOf(i)
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<jw323:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw323="http://www.istandaarden.nl/ijw/3_2/jw323/schema">
	<jw323:Header>
		<jw323:BerichtCode>490</jw323:BerichtCode>
		<jw323:BerichtVersie>3</jw323:BerichtVersie>
		<jw323:BerichtSubversie>2</jw323:BerichtSubversie>
		<jw323:Afzender>65656055</jw323:Afzender>
		<jw323:Ontvanger>0355</jw323:Ontvanger>
		<jw323:BerichtIdentificatie>
			<ijw:Identificatie>BENCH${prestaties}</ijw:Identificatie>
			<ijw:Dagtekening>2026-05-06</ijw:Dagtekening>
		</jw323:BerichtIdentificatie>
		<jw323:XsdVersie>
			<ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>
			<ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>
		</jw323:XsdVersie>
	</jw323:Header>
	<jw323:Declaratie>
		<jw323:DeclaratieNummer>DN${prestaties}</jw323:DeclaratieNummer>
		<jw323:DeclaratiePeriode>
			<ijw:Begindatum>2026-04-01</ijw:Begindatum>
			<ijw:Einddatum>2026-04-30</ijw:Einddatum>
		</jw323:DeclaratiePeriode>
		<jw323:DeclaratieDagtekening>2026-05-06</jw323:DeclaratieDagtekening>
		<jw323:TotaalIngediendBedrag>
			<ijw:TotaalBedrag>${totaal}</ijw:TotaalBedrag>
			<ijw:DebetCredit>D</ijw:DebetCredit>
		</jw323:TotaalIngediendBedrag>
		<jw323:Clienten>
`)
  let n = 0
  for (let c = 0; c < clients && n < prestaties; c++) {
    await write(`			<jw323:Client>
				<jw323:Bsn>${bsnOf(c)}</jw323:Bsn>
				<jw323:Prestaties>
`)
    for (let k = 0; k < perClient && n < prestaties; k++, n++) {
      const volume = volumeOf(n)
      const tarief = tariffOf(n)
      const code = codeOf(n)
      await write(`					<jw323:Prestatie>
						<jw323:ProductReferentie>
							<ijw:ReferentieNummer>RN${String(n).padStart(9, '0')}</ijw:ReferentieNummer>
						</jw323:ProductReferentie>
						<jw323:ToewijzingNummer>${100000 + n}</jw323:ToewijzingNummer>
						<jw323:ProductCategorie>45</jw323:ProductCategorie>
						<jw323:ProductCode>${code}</jw323:ProductCode>
						<jw323:ProductPeriode>
							<ijw:Begindatum>2026-04-01</ijw:Begindatum>
							<ijw:Einddatum>2026-04-30</ijw:Einddatum>
						</jw323:ProductPeriode>
						<jw323:GeleverdVolume>${volume}</jw323:GeleverdVolume>
						<jw323:Eenheid>04</jw323:Eenheid>
						<jw323:ProductTarief>${tarief}</jw323:ProductTarief>
						<jw323:IngediendBedrag>
							<ijw:Bedrag>${volume * tarief}</ijw:Bedrag>
							<ijw:DebetCredit>D</ijw:DebetCredit>
						</jw323:IngediendBedrag>
					</jw323:Prestatie>
`)
    }
    await write(`				</jw323:Prestaties>
			</jw323:Client>
`)
  }
  await write(`		</jw323:Clienten>
	</jw323:Declaratie>
</jw323:Bericht>
`)
  bytes += Buffer.byteLength(pending)
  out.end(pending)
  await once(out, 'finish')
  return { bytes, totaal }
}

const volumeOf = (i: number): number => 1 + (i % 16)

/** The c-th nine-digit number (from 100000000 on) that passes the elfproef. */
export function bsnOf(c: number): string {
  // 11 consecutive 8-digit prefixes contain at least 10 with a valid check digit; step by prefix.
  let prefix = 10000000 + c + Math.floor(c / 10)
  for (;;) {
    const digits = String(prefix)
    let sum = 0
    for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i)
    const check = sum % 11
    if (check <= 9) return `${digits}${check}`
    prefix++
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, out] = process.argv.slice(2)
  if (!count || !out) {
    console.error('usage: generate-323.ts PRESTATIES OUT.xml')
    process.exit(2)
  }
  const { bytes } = await generate323(Number(count), out)
  console.log(`${out}: ${count} prestaties, ${(bytes / 1e6).toFixed(1)} MB`)
}
