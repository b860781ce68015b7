/**
 * What went wrong, in Dutch, for the person in front of the screen (issue 18 §1). The server adds
 * a `melding` to every error body and to each of its details; the web app shows the melding, never
 * the English `message` (that stays for logs, the CLI and developers).
 *
 * A reason's melding is its `beschrijving` (src/shared/errors.ts) unless that text speaks to
 * developers (field names, `details[].rule`, HTTP headers); those reasons get their own sentence here.
 */
import { ZodError } from 'zod'
import { AppError, reasons, type ErrorDetail, type Reason } from './errors.ts'
import { veldNaam, zodMelding } from './schema-meldingen.ts'

const eigen: Partial<Record<Reason, string>> = {
  'input.invalid': 'Niet alle velden zijn goed ingevuld. Verbeter de gemarkeerde velden.',
  'import.row_invalid': 'Het bestand is niet ingelezen: een regel klopt niet. Verbeter de regel en lees het bestand opnieuw in.',
  'session.missing': 'U bent niet (meer) ingelogd. Log opnieuw in.',
  'session.csrf_invalid': 'Uw sessie is niet meer geldig. Laad de pagina opnieuw en probeer het nog eens.',
  'role.not_permitted': 'Dit mag u met uw rol niet doen.',
  'route.not_found': 'Deze gegevens bestaan niet (meer).',
  'http.cross_origin': 'Het verzoek is geweigerd omdat het niet van deze website kwam. Laad de pagina opnieuw.',
  'http.too_large': 'Het bestand of de invoer is te groot om te verwerken.',
  'http.refused': 'Het verzoek kon niet gelezen worden. Laad de pagina opnieuw en probeer het nog eens.',
  'outcome.invalid': 'De uitkomstmeting is onvolledig of spreekt zichzelf tegen. Verbeter de gemarkeerde velden.',
  'product.invalid': 'Het product past niet bij zijn segment (wet, uitvoeringsvariant of eenheid).',
  'toegang.refused': 'De toewijzing kan zo niet: een toegangsregel weigert haar. Hieronder staat welke.',
  'toegang.exception_required': 'Zorg buiten de contracten kan alleen als uitzondering ("nee, tenzij"), met een reden.',
  'toegang.no_tariff': 'Het product heeft geen tarief, dus de verplichting is niet te berekenen.',
  'client.address_missing': 'Postcode en huisnummer van de cliënt ontbreken; het toewijzingsbericht heeft ze nodig.',
  'toewijzing.withdrawn': 'De toewijzing is ingetrokken.',
  'toewijzing.delete_after_start': 'Verwijderen kan niet meer: de aanbieder heeft de start van de zorg gemeld. Verkort de toewijzing.',
  'toewijzing.delete_after_declaratie': 'Verwijderen kan niet meer: er zijn goedgekeurde declaratieregels. Verkort de toewijzing.',
  'toewijzing.verlenging_not_later': 'Bij een verlenging moet de nieuwe einddatum later liggen.',
  'toewijzing.verkorting_not_earlier': 'Bij een verkorting moet de nieuwe einddatum eerder liggen.',
  'toewijzing.no_volume': 'Deze toewijzing heeft een budget, geen omvang.',
  'toewijzing.change_refused': 'De wijziging kan zo niet: een regel weigert haar. Hieronder staat welke.',
  'toewijzing.message_unwritable': 'Het toewijzingsbericht kan niet gemaakt worden. Hieronder staat waarom.',
  'pgb.refused': 'Een pgb kan niet naast een lopende toewijzing in dezelfde periode.',
  'request.not_found': 'Het verzoek bestaat niet, of u mag het niet zien.',
  'request.answer_invalid': 'Dit antwoord op het verzoek kan zo niet. Hieronder staat waarom.',
  'message.empty': 'Het bestand is leeg of bevat geen bericht.',
  'message.too_large': 'Het bericht is te groot om hier te uploaden. Vraag de beheerder het in te lezen.',
  'message.export_too_large': 'Er zijn te veel berichten om in één keer te downloaden. Maak de zoekopdracht kleiner, bijvoorbeeld met een kortere periode, een berichttype of een aanbieder.',
  'budget.set_in_periods': 'Het budget van dit jaar is in perioden vastgelegd, niet voor het hele jaar. Wijzig die perioden.',
  'signal.out_of_scope': 'Er is niets erkend: niet alle gekozen signalen mag u erkennen. Een signaal van een andere gemeente of een regionaal signaal volgt de regio op. Haal die signalen uit de selectie en probeer het opnieuw.',
  'message.personal_data': 'Dit bericht noemt een cliënt; u mag de inhoud met uw rol niet inzien.',
  'declaratie.wrong_message': 'Dit bericht is geen declaratie.',
  'steekproef.gemeente_required': 'Kies de gemeente uit wier declaraties u de steekproef trekt.',
  'database.overlap': 'Dit overlapt met een periode die al bestaat.',
  'database.duplicate': 'Dit bestaat al.',
  'database.check_failed': 'Een van de waarden is niet toegestaan.',
  'database.reference_missing': 'De invoer verwijst naar iets dat niet bestaat.',
  'database.scope_refused': 'Dit mag u met uw rol niet doen.',
  'database.unavailable': 'De database is even niet bereikbaar. Probeer het over een paar seconden opnieuw.',
  'database.busy': 'Koers is op dit moment erg druk. Probeer het over een paar seconden opnieuw.',
  'database.statement_timeout': 'Dit duurde te lang en is afgebroken; er is niets veranderd. Vraagt u een overzicht op, kies dan een kortere periode of één gemeente; anders: probeer het later opnieuw.',
  'request.abandoned': 'Het verzoek is afgebroken omdat de verbinding wegviel; er is niets veranderd. Probeer het opnieuw.',
  'server.unexpected': 'Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, meld het dan bij de beheerder.',
}

/** The Dutch sentence for a reason, for the person in front of the screen. */
export function melding(reason: Reason): string {
  return eigen[reason] ?? reasons[reason].beschrijving
}

/** Spreadsheet columns whose values need a hint when a row is refused. */
const kolomHint: Record<string, string> = {
  bedrag: "geen bedrag in euro's (bijvoorbeeld 1.234,56)",
  jaar: 'geen jaartal',
  gemeente: 'geen gemeente van deze regio',
  segment: 'geen segment van deze regio',
  agb: 'geen AGB-code van een aanbieder in deze regio',
}

/**
 * A Dutch melding for one detail of an AppError: a detail that already speaks Dutch to the user
 * (a toegang rule, a retourcode's meaning given by the caller) keeps it; a refused import row
 * names its row and column; other details fall back to the reason's melding for their field.
 */
export function detailMelding(reason: Reason, detail: ErrorDetail, nederlands?: string): string {
  if (detail.melding) return detail.melding
  if (nederlands) return nederlands
  const row = detail.path ? /^row (\d+)\/(.+)$/.exec(detail.path) : null
  if (row) {
    const [, nummer, kolom] = row as unknown as [string, string, string]
    // The row as a whole (a rule it breaks, not one of its columns), without a melding of its own.
    if (kolom === 'row') return `Regel ${nummer}: deze regel kan zo niet worden ingelezen.`
    const waarde = /'([^']*)'/.exec(detail.message)?.[1]
    const hint = kolomHint[kolom.toLowerCase()]
    const wat = waarde !== undefined ? (hint ? `'${waarde}' is ${hint}` : `'${waarde}' klopt niet`) : 'de waarde ontbreekt of klopt niet'
    return `Regel ${nummer}, kolom ${kolom}: ${wat}.`
  }
  return detail.path ? `${veldNaam(detail.path).replace(/^./, (c) => c.toUpperCase())}: ${melding(reason)}` : melding(reason)
}

/**
 * Why a whole row of an import is refused, in Dutch, when a check it runs (a schema, a domain
 * rule) refused it: that check's own melding, for the import to put after "Regel N:".
 */
export function rowMelding(error: unknown): string | undefined {
  if (error instanceof ZodError) return error.issues[0] ? zodMelding(error.issues[0]) : undefined
  if (!(error instanceof AppError)) return undefined
  const first = error.details[0]
  return first?.melding ?? melding(error.reason)
}
