/**
 * The one Dutch translation of schema issues (ADR 0021, 0032): a field gets the same melding
 * whether the server's Zod error mapping (src/http/errors.ts) or the web app's form check
 * (web/src/hooks/useAction.tsx) catches the mistake, named after the field as the user knows it.
 * Pure: imports only `zod`, so the browser runs it too.
 */
import type { ZodError } from 'zod'

/** Names of fields as a user knows them; other keys are spelled out from camelCase ("maandVan" → "maand van"). */
const veldNamen: Record<string, string> = {
  bsn: 'BSN',
  agbCode: 'AGB-code',
  kvkNummer: 'KvK-nummer',
  eigenaarId: 'eigenaar',
  gemeenteId: 'gemeente',
  providerId: 'aanbieder',
  aanbiederId: 'aanbieder',
  segmentId: 'segment',
  productId: 'product',
  clientId: 'cliënt',
  beschikkingId: 'beschikking',
  geboortedatum: 'geboortedatum',
  volume: 'volume',
  omvang: 'omvang',
  bedrag: 'bedrag',
  bedragCents: 'bedrag',
  amountCents: 'bedrag',
  budgetCents: 'budget',
  foutCents: 'foutbedrag',
  reden: 'reden',
  justification: 'onderbouwing',
  exceptionReason: 'reden van de uitzondering',
  toelichting: 'toelichting',
  ingangsdatum: 'ingangsdatum',
  einddatum: 'einddatum',
  username: 'gebruikersnaam',
  password: 'wachtwoord',
  csv: 'bestand',
  xlsxBase64: 'bestand',
  jaar: 'jaar',
  year: 'jaar',
  validFrom: 'geldig vanaf',
  validTo: 'geldig tot',
  from: 'van',
  to: 'tot',
  primaryColour: 'hoofdkleur',
  bandColour: 'kleur van de balk',
  logo: 'logo',
  maxWinstPct: 'maximale winst',
}

/** The user's name for a field path: its last named part (`omvang.volume` → "volume"). */
export function veldNaam(path: string): string {
  const parts = path.split(/[./]/).filter((p) => p !== '' && !/^\d+$/.test(p))
  const last = parts.at(-1) ?? ''
  if (last === '') return 'invoer'
  // A goal of an assessment (`assessment.goals.0.description`) is "het doel" to the lokaal team.
  if (last === 'description' && parts.at(-2) === 'goals') return 'het doel'
  return veldNamen[last] ?? last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

const soortNamen: Record<string, string> = { number: 'een getal', string: 'tekst', boolean: 'ja of nee', array: 'een lijst', object: 'een groep gegevens', int: 'een geheel getal' }

type ZodIssue = ZodError['issues'][number]

/** A Dutch melding for one schema issue, named after its field. */
export function zodMelding(issue: ZodIssue): string {
  const veld = veldNaam(issue.path.map(String).join('.'))
  const Veld = veld.charAt(0).toUpperCase() + veld.slice(1)
  // Zod leaves the input out of its issues unless asked; its English message still says what it received.
  const leeg = ('input' in issue && (issue.input === null || issue.input === undefined || issue.input === '')) || /received (null|undefined)$/.test(issue.message)
  switch (issue.code) {
    case 'invalid_type':
      return leeg ? `Vul ${veld} in.` : `${Veld} moet ${soortNamen[issue.expected] ?? 'een andere waarde'} zijn.`
    case 'too_small': {
      const min = Number(issue.minimum)
      if (issue.origin === 'string') return min <= 1 ? `Vul ${veld} in.` : `${Veld} moet minstens ${min} tekens hebben.`
      if (issue.origin === 'array' || issue.origin === 'set') return `Kies minstens ${min} bij ${veld}.`
      if (min === 0 && !issue.inclusive) return leeg ? `Vul ${veld} in.` : `${Veld} moet groter dan 0 zijn.`
      return `${Veld} moet ${issue.inclusive ? 'minstens' : 'groter dan'} ${min} zijn.`
    }
    case 'too_big': {
      const max = Number(issue.maximum)
      if (issue.origin === 'string') return `${Veld} mag hoogstens ${max} tekens hebben.`
      if (issue.origin === 'array' || issue.origin === 'set') return `Kies hoogstens ${max} bij ${veld}.`
      return issue.inclusive ? `${Veld} mag hoogstens ${max} zijn.` : `${Veld} moet kleiner dan ${max} zijn.`
    }
    case 'invalid_format':
      if (veld === 'BSN') return 'Een BSN bestaat uit 9 cijfers.'
      return `${Veld} heeft niet de goede vorm${voorbeeld(issue.path)}.`
    case 'invalid_value':
      return leeg ? `Kies ${veld}.` : `Kies een van de mogelijkheden bij ${veld}.`
    case 'unrecognized_keys':
      return 'De invoer bevat velden die hier niet horen.'
    case 'custom':
      // A refinement that says in Dutch what it checks: `.refine(…, { params: { melding: '…' } })`.
      if (typeof issue.params?.melding === 'string') return issue.params.melding
      if (veld === 'BSN') return 'Dit BSN bestaat niet: het haalt de elfproef niet. Controleer de cijfers.'
      if (veld === 'einddatum' || veld === 'tot') return 'De einddatum mag niet voor de begindatum liggen.'
      if (veld === 'bestand') return 'Kies een CSV- of XLSX-bestand.'
      return `${Veld} klopt niet.`
    default:
      return `${Veld} klopt niet.`
  }
}

/** The expected shape of dates and months, as an example for the user. */
function voorbeeld(path: PropertyKey[]): string {
  const key = String(path.at(-1) ?? '').toLowerCase()
  if (key.startsWith('maand')) return ' (een maand, bijvoorbeeld 2026-03)'
  if (key === 'postcode') return ' (vier cijfers en twee hoofdletters, bijvoorbeeld 3701AB)'
  if (key.includes('datum') || key.endsWith('from') || key.endsWith('to') || key === 'van' || key === 'tot') return ' (een datum, bijvoorbeeld 2026-03-31)'
  return ''
}

/** One refused field of a body: its path as the API names it, the field as the user knows it, and what to tell the user. */
export interface SchemaMelding {
  path: string
  veld: string
  melding: string
  /** The English message of the issue, for developers and logs. */
  message: string
}

/** Every issue of a refused body, with its Dutch melding at its field. */
export function schemaMeldingen(error: ZodError): SchemaMelding[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.')
    return { path, veld: veldNaam(path), melding: zodMelding(i), message: i.message }
  })
}
