/**
 * Where Koers stands on every rule of the iJw and iWmo 3.2 regelrapport (UP, OP, IV, TR, and
 * the iJw CD/CS): implemented (with the function and the test that shows it), not applicable
 * to a gemeente's system (with why), or open (with what is missing). Kept by hand, read by
 * scripts/generate-conformance.ts into docs/conformance.md, and held to the regelrapport and to
 * the code by conformance.test.ts.
 *
 * Koers is the gemeente's back office: it receives 302, 305, 307, 315, 317, 320 and 323 and
 * sends 301, 306, 308, 316, 318, 319 and 325. A rule binds it when it says what the gemeente
 * sends, or what the gemeente checks or does with what it receives. A provider's obligation
 * that Koers verifies on receipt counts as implemented by that check; one Koers cannot verify
 * (a deadline on the provider's side, a professional's judgement) is not applicable.
 */
import type { Law } from '../message-catalog.ts'

export type ConformanceStatus = 'geimplementeerd' | 'niet_van_toepassing' | 'open'

export const conformanceStatuses: readonly ConformanceStatus[] = ['geimplementeerd', 'open', 'niet_van_toepassing']

/** The function or const that implements the rule. */
export interface Waar {
  file: string
  symbol: string
}

/** The `it(...)` title of the test that shows it. */
export interface TestRef {
  file: string
  name: string
  /** For a test run over a table of cases (`it.each`): the case that shows this rule. */
  case?: string
}

export interface Conformance {
  status: ConformanceStatus
  waar?: Waar
  test?: TestRef
  /** Why not applicable, what is open, or how Koers reads the rule (Dutch, one line). */
  toelichting?: string
  /**
   * For an implemented rule, what the implementation leaves out of the rule's text (Dutch, one
   * line). A rule the code names as a problem's rule is implemented there, however far.
   */
  ontbreekt?: string
}

/** A place where the code names a rule (or its retourcode) for something the regelrapport means otherwise. */
export interface Afwijking {
  /** The rule code the code's name leads to. */
  rule: string
  file: string
  toelichting: string
}

// Files that implement rules.
const MESSAGE_RULES = 'src/istandaarden/messages/message-rules.ts'
const WRITE = 'src/istandaarden/messages/write-message.ts'
const RETOUR = 'src/istandaarden/messages/retour.ts'
const START_STOP = 'src/delivery/start-stop.receive.ts'
const REQUEST_RECEIVE = 'src/requests/request.receive.ts'
const REQUEST_QUERIES = 'src/requests/request.queries.ts'
const PRESTATIE = 'src/declaraties/prestatie.rules.ts'
const DECLARATIE = 'src/declaraties/declaratie.receive.ts'
const TOEWIJZING_QUERIES = 'src/toewijzingen/toewijzing.queries.ts'
const TOEWIJZING_RULES = 'src/toewijzingen/toewijzing.rules.ts'
const START_STOP_RULES = 'src/delivery/start-stop.rules.ts'
const TOEWIJZINGBERICHT = 'src/toewijzingen/toewijzingbericht.rules.ts'
const GEZAG = 'src/clients/gezag.queries.ts'
const GEZAG_SCHEMA = 'src/clients/client.schema.ts'
const ADMIT = 'src/exchange/admit.ts'
const INBOX = 'src/inbox/receive.ts'

// Tests that show them.
const RULE_CASE: TestRef = { file: 'src/istandaarden/messages/read-message.test.ts', name: '$rule in $example' }
const ROUND_TRIP: TestRef = { file: 'src/istandaarden/messages/write-message.test.ts', name: '${messageName(kind)}: write → XSD-valid → read → equal; writer and reader agree on the CD/CS rules' }
const XSD_RULE: TestRef = { file: 'src/istandaarden/messages/xsd-differential.test.ts', name: '${messageName(kind)}: ${MUTATIONS_PER_KIND} mutations' }
const LIFECYCLE = 'src/inbox/lifecycle.test.ts'
const LIFECYCLE_TEST: TestRef = { file: LIFECYCLE, name: 'turns a 315 into a work item, answers 316, approves it with a 301 the XSD accepts, and takes a 305 and a 307' }
const LEVEL1_TEST: TestRef = { file: LIFECYCLE, name: 'keeps a level-1 broken file out of the database and names the problem' }
const REFUSE_319_TEST: TestRef = { file: LIFECYCLE, name: 'refuses a request with a 319 carrying the reason' }
const PRESTATIE_TEST = 'src/declaraties/prestatie.rules.test.ts'
const DECLARATIE_TEST = 'src/declaraties/declaratie.receive.test.ts'
const WRITE_TEST = 'src/istandaarden/messages/write-message.test.ts'
const ANSWER_325_TEST: TestRef = { file: WRITE_TEST, name: 'answers a 323 with a 325 that carries only the rejected prestaties' }
const TERMIJN_TEST = 'src/termijnen/termijn.rules.test.ts'
const TERMIJN_DEADLINES: TestRef = { file: TERMIJN_TEST, name: 'skips Christmas and Nieuwjaarsdag' }
const GEMEENTE_BERICHTEN = 'src/istandaarden/conformance/gemeente-berichten.test.ts'
const KOERS_301 = 'src/istandaarden/conformance/toewijzingbericht.test.ts'
const ADRES_TEST: TestRef = { file: KOERS_301, name: 'gives the client a BRP, correspondence or residence address, and every Contact a phone or house and postcode (TR061, TR006)' }
const NUMMER_TEST: TestRef = { file: KOERS_301, name: 'numbers toewijzingen and beschikkingen uniquely per gemeente and law, and the database refuses a number twice (TR332, OP275, UP037)' }
const SS_TEST = 'src/delivery/start-stop.receive.test.ts'
const MR_TEST = 'src/istandaarden/messages/message-rules.test.ts'
const RR_TEST = 'src/requests/request.receive.test.ts'
const TB_TEST = 'src/toewijzingen/toewijzingbericht.test.ts'
const TBR_TEST = 'src/toewijzingen/toewijzingbericht.rules.test.ts'
const TR_TEST = 'src/toewijzingen/toewijzing.rules.test.ts'
const TOEWIJZING_TEST = 'src/toewijzingen/toewijzing.queries.test.ts'
const VERLENGING_TEST: TestRef = { file: TOEWIJZING_TEST, name: 'keeps the number for a verlenging, makes each version later (IV013), and refuses a withdrawal after a start' }
const IV066_TEST: TestRef = { file: TOEWIJZING_TEST, name: 'answers a 317 that changes the omvang with a new toewijzing and one 301 (IV066)' }

const START_STOP_TESTS = {
  tr019: { file: SS_TEST, name: 'TR019 (9019): an output- or inspanningsgericht start needs the toewijzing of this provider, client and product' },
  tr326: { file: SS_TEST, name: 'TR326 (9326) and OP379: no start while one is current, but a start after a temporary or a definitive stop' },
  tr074: { file: SS_TEST, name: 'TR074 (9074): a start or a stop with a key already received is refused' },
  tr063: { file: SS_TEST, name: 'TR063 (9063): removing a start or a stop that was never received is refused; a received one is removed' },
  tr071: { file: SS_TEST, name: 'TR071 (9071): a start cannot be removed once a stop was sent for it' },
  tr382: { file: SS_TEST, name: 'TR382 (9069): a stop repeats the key of a received start' },
  stops: { file: SS_TEST, name: 'TR413, TR414, TR415 (9413, 9414, 9415): one temporary stop, a later definitive one on or after it, then nothing' },
} satisfies Record<string, TestRef>
const REQUEST_TESTS = {
  tr347: { file: RR_TEST, name: 'TR347 (9347): a ReferentieAanbieder is used once by the provider within the law' },
  tr374: { file: RR_TEST, name: 'TR374 (9374): no second request for the client while one is being handled, whether open or in onderzoek' },
  tr349: { file: RR_TEST, name: 'TR349, TR350, TR351 (9349, 9350, 9351): a 317 lists every current toewijzing and only those' },
  tr357: { file: RR_TEST, name: 'TR357 and TR373 (9357, 9373): a change from the Dagtekening or earlier, and a budget change, keep the ingangsdatum' },
  tr411: { file: RR_TEST, name: 'TR411 and TR412 (9411, 9412): the Omvang of a TeWijzigenProduct follows the Product of its toewijzing' },
  tr361: { file: RR_TEST, name: 'TR361 (9361): a NieuwProduct does not overlap a listed toewijzing of the same product; TR410 (0001) among the NieuwProducten' },
} satisfies Record<string, TestRef>

const impl = (waar: Waar, test: TestRef, toelichting?: string): Conformance => ({ status: 'geimplementeerd', waar, test, ...(toelichting ? { toelichting } : {}) })
const nvt = (toelichting: string): Conformance => ({ status: 'niet_van_toepassing', toelichting })
/** An uitgangspunt is a principle: the rules that work it out are each in this table. */
const up = (uitgewerkt: string): Conformance => nvt(`Uitgangspunt zonder eigen toets; uitgewerkt in ${uitgewerkt}, elk in deze tabel.`)
const aanbieder = (wat: string): Conformance => nvt(`Regel voor de aanbieder: ${wat}.`)

const at = (file: string, symbol: string): Waar => ({ file, symbol })
const TERMIJNEN = at('src/termijnen/termijn.rules.ts', 'termijnRegels')
/** A CD/CS rule of message-rules.ts, shown by its refusal case in read-message.test.ts. */
const level2 = (code: string, symbol = 'messageRules'): Conformance => impl(at(MESSAGE_RULES, symbol), { ...RULE_CASE, case: code })

/** One entry per rule code, for both laws unless `conformanceIwmo` says otherwise. */
export const conformance: Readonly<Record<string, Conformance>> = {
  // Uitgangspunten
  UP001: up('OP086, OP295, OP296 en OP297'),
  UP003: up('OP003, OP087 en OP191'),
  UP004: up('OP001, OP002, OP043, OP086, OP087, OP186, OP274, OP275 en OP359'),
  UP006: up('OP079'),
  UP007: up('OP257, OP258 en OP259'),
  UP016: up('OP260'),
  UP017: up('de OP-regels over het berichtenverkeer (OP033 tot en met OP380)'),
  UP019: nvt('Uitgangspunt zonder eigen toets en zonder uitwerking in een regel.'),
  UP023: up('OP039, OP076, OP091 en OP130'),
  UP024: up('OP076, OP079 en OP297'),
  UP025: up('OP280, OP281, OP283, OP349 en OP354'),
  UP026: up('OP011, OP086, OP261, OP262, OP264, OP270 en OP363'),
  UP027: up('OP267, OP276, OP279, OP302, OP303, OP304, OP364 en OP365'),
  UP028: up('OP262, OP263, OP264, OP296 en OP305'),
  UP031: up('OP298, OP299, OP345 en OP362'),
  UP032: up('OP306, OP307, OP308, OP343, OP344, OP346, OP347, OP348, OP350 en OP359'),
  UP037: impl(at('src/db/migrations/0004-toegang.ts', 'beschikking_nummer'), NUMMER_TEST, 'Uniek per gemeente en wet: een nummer uit de reeks per gemeente, en een unique-constraint.'),

  // Bedrijfsregels
  OP001: impl(at(TOEWIJZING_RULES, 'checkToewijzing'), { file: 'src/clients/gezag.routes.test.ts', name: 'lets the client\'s own lokaal team record and read who holds authority (OP001), and nobody else' }, 'Het lokale team legt de gezagsdrager vast (src/clients/gezag.queries.ts); een toewijzing zonder vastgelegd gezag geeft een waarschuwing.'),
  OP002: impl(at(TOEWIJZINGBERICHT, 'gezagsRelaties'), { file: TBR_TEST, name: 'goes as Relatie into an iJw 301 (OP002), not into an iWmo one' }),
  OP002x1: impl(at(TOEWIJZINGBERICHT, 'gezagsRelaties'), { file: TBR_TEST, name: 'stays out when the client holds the authority (OP002x2) or the 315 said it is known (OP002x1)' }),
  OP002x2: impl(at(TOEWIJZINGBERICHT, 'gezagsRelaties'), { file: TBR_TEST, name: 'stays out when the client holds the authority (OP002x2) or the 315 said it is known (OP002x1)' }),
  OP003: nvt('Het oordeel van een (zorg)professional om buiten het berichtenverkeer te blijven ligt buiten het systeem.'),
  OP011: aanbieder('de begindatum melden nadat de hulp werkelijk begon'),
  OP033: impl(at(START_STOP_RULES, 'judgeStartRemoval'), START_STOP_TESTS.tr063, 'StatusAanlevering 1 voegt toe, 3 verwijdert de eerdere aanlevering met dezelfde sleutel (start en stop).'),
  OP033x1: impl(at(TOEWIJZING_QUERIES, 'changeToewijzing'), VERLENGING_TEST, 'Elke wijziging is een nieuwe versie op hetzelfde ToewijzingNummer en gaat met een nieuwe 301.'),
  OP033x2: level2('CS058'),
  OP039: nvt('Een vrijheid van ketenpartijen, geen eis aan het systeem.'),
  OP043: impl(at('src/toewijzingen/pgb.rules.ts', 'pgbFinding'), { file: 'src/toewijzingen/grant-pgb.test.ts', name: 'ends a toewijzing for the product on the day before the pgb, with RedenWijziging 08 in a 301 to its provider' }, 'Het lokale team legt een pgb vast (categorie of productcode, periode; POST /api/toewijzingen/clients/{id}/pgb). Een toewijzing voor hetzelfde product die erin doorloopt, eindigt de dag vóór de ingangsdatum met RedenWijziging 08 en een 301; een toewijzing die binnen de pgb-periode begint, moet eerst worden ingetrokken. Een nieuwe toewijzing of verlenging in de pgb-periode wordt geweigerd.'),
  OP047: impl(at('src/istandaarden/messages/read-message.ts', 'MessageReader'), LEVEL1_TEST, 'Koers weigert een bericht dat niet aan de XSD (niveau 1) of de CD/CS-regels (niveau 2) voldoet.'),
  OP065: impl(at(RETOUR, 'buildRetour'), { file: 'src/inbox/inbox.test.ts', name: 'answers a rejected class with Header 0200, the client 0200 and the class its code (IV028, OP065)' }),
  OP071: impl(at(GEZAG, 'setGezag'), { file: TB_TEST, name: 'carries the gezagsdrager as a Relatie of the iJw 301 (OP001, OP002, OP071, IV045), not when the provider said it knows it (OP002x1)' }, 'Een relatie houdt haar nummer; een nieuwe krijgt het volgende.'),
  OP072: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.tr382, 'De aanbieder mag pas na een start stoppen; Koers weigert een stop zonder ontvangen start (TR382).'),
  OP076: impl(at(TOEWIJZING_QUERIES, 'relatieOf'), { file: TB_TEST, name: 'carries the gezagsdrager as a Relatie of the iJw 301 (OP001, OP002, OP071, IV045), not when the provider said it knows it (OP002x1)' }, 'De gezagsdrager gaat als Relatie met haar Soort; andere contactpersonen legt Koers niet vast.'),
  OP079: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), LIFECYCLE_TEST, 'Elk bericht van Koers noemt de cliënt bij zijn BSN; ontvangen berichten zonder geldig BSN weigert Koers (CS002).'),
  OP080: nvt('Geen toetsbare eis: ketenpartijen mogen geen betekenis hechten aan tijdstip en volgorde van ontvangst.'),
  OP086: impl(at(TOEWIJZING_QUERIES, 'issueToewijzing'), LIFECYCLE_TEST, 'Elke toewijzing gaat als 301 naar de aanbieder; taakgerichte producten krijgen geen toewijzing (TG-PRODUCT).'),
  OP087: impl(at(TOEWIJZINGBERICHT, 'toegewezenProducten'), { file: TBR_TEST, name: 'carries every current toewijzing and those changed since the last 301, not an old unchanged one (OP087)' }),
  OP090: impl(TERMIJNEN, TERMIJN_DEADLINES, 'Koers stelt zijn retour op in dezelfde transactie als de ontvangst, en bewaakt de drie werkdagen van beide partijen (src/termijnen).'),
  OP090x2: impl(at(ADMIT, 'unreadable'), LEVEL1_TEST, 'Een onleesbaar bericht krijgt geen retour; wie het aanbiedt krijgt de fout direct terug (upload of CLI).'),
  OP090x4: impl(TERMIJNEN, TERMIJN_DEADLINES, 'Koers stelt de 325 op in dezelfde transactie als de ontvangst van de 323, en bewaakt de tien werkdagen (src/termijnen).'),
  OP091: nvt('Koers legt geen aanvullende contactgegevens vast; de 301 draagt alleen het BRP-adres (Soort 01).'),
  OP095: impl(at('src/exchange/known-to-provider.ts', 'toewijzingenKnownToProvider'), { file: 'src/exchange/known-to-provider.test.ts', name: 'grants a 323 within the toewijzing the provider was sent, though the gemeente shortened it since in a 301 the provider refused' }, 'De 305, 307, 317 en 323 worden getoetst aan de toewijzing zoals de laatste door de aanbieder aanvaarde 301 haar droeg (sent_version), niet aan een latere wijziging die de aanbieder niet heeft; een toewijzing die nooit (aanvaard) is verstuurd, kent de aanbieder niet. De overige afkeuringen steunen op het bericht zelf, op eerdere berichten van de aanbieder of op de productlijst van de regio.'),
  OP130: impl(at(GEZAG_SCHEMA, 'gezagsdragerSchema'), { file: 'src/clients/gezag.routes.test.ts', name: 'lets the client\'s own lokaal team record and read who holds authority (OP001), and nobody else' }, 'Een gezagsdrager met alleen een naam weigert Koers.'),
  OP155: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.tr382, 'Koers zoekt de start bij de sleutel van de stop en weigert een stop zonder ontvangen start (TR382).'),
  OP179: nvt('De regel zelf: "Deze regel wordt niet naar de techniek vertaald; daar waar grotere bestanden verwerkt kunnen worden is dat uiteraard toegestaan." Een 325 hoort 1-op-1 bij zijn 323 en kan niet worden gesplitst; Koers leest en schrijft berichten van elke grootte als stroom.'),
  OP186: impl(at(TOEWIJZING_RULES, 'checkWijziging'), { file: TR_TEST, name: 'ends a toewijzing on a day already past only in agreement with the provider, or on the end of care it reported itself (OP186)' }),
  OP191: nvt('Richtlijn zonder toetsbare eis; Koers vult zelf geen vrije tekst (Commentaar) in de 301.'),
  OP192: impl(at(WRITE, 'writeMessage'), ROUND_TRIP, 'Koers schrijft elk bericht tegen het XSD-model en de CD/CS-regels, en weigert te schrijven wat daar niet aan voldoet.'),
  OP252: impl(at('src/toewijzingen/toewijzing.queries.ts', 'sendToewijzingen'), { file: 'src/toewijzingen/toewijzingbericht.test.ts', name: 'sends a partly unknown birth date with its DatumGebruik (OP252, IV009), and a briefadres as correspondentie-adres (IV047)' }, 'De 301 geeft DatumGebruik mee zoals de 315 of de registratie het vastlegde (client.datum_gebruik).'),
  OP254: impl(at(ADMIT, 'admit'), { file: 'src/inbox/inbox.test.ts', name: 'refuses a message from a sender that is no provider of the region, in Dutch, storing nothing' }, 'Koers herkent de aanbieder aan de AGB-code in Afzender en adresseert zijn berichten daarmee.'),
  OP257: impl(at(TOEWIJZING_QUERIES, 'replaceOmvang'), IV066_TEST),
  OP258: impl(at(TOEWIJZING_QUERIES, 'changeToewijzing'), VERLENGING_TEST, 'Een nieuwe einddatum gaat met een nieuwe 301 naar de aanbieder.'),
  OP259: impl(at(TOEWIJZING_RULES, 'checkToewijzing'), { file: 'src/toewijzingen/toewijzing.rules.test.ts', name: 'refuses a second toewijzing for the same product in an overlapping period, but not over a withdrawn one (TG-OVERLAP)' }),
  OP260: nvt('Definitie van het productbegrip (categorie en eventueel code); het productmodel van Koers volgt haar.'),
  OP261: impl(at(TOEWIJZING_RULES, 'checkVariantFields'), { file: 'src/toewijzingen/toewijzing.rules.test.ts', name: 'refuses fields that do not fit the variant (TG-VARIANT)' }, 'Elk product in Koers heeft zijn uitvoeringsvariant; de toewijzing volgt die.'),
  OP262: nvt('Tariefafspraak in het contract, buiten het berichtenverkeer; Koers legt de tarieven per product vast.'),
  OP263: nvt('Tariefafspraak in het contract, buiten het berichtenverkeer.'),
  OP264: nvt('Afspraak in het contract over het moment van declareren, buiten het berichtenverkeer.'),
  OP267: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR341 (9341): the unit of the toewijzing, or minutes against hours (IV081)' }, 'Koers weigert een prestatie in een andere eenheid dan toegewezen (TR341).'),
  OP270: nvt('Afspraak tussen aanbieder en gemeente buiten het berichtenverkeer.'),
  OP271: impl(TERMIJNEN, { file: TERMIJN_TEST, name: 'gives a 305 sent 7 working days after the start te_laat for the provider' }, 'Een termijn van de aanbieder; Koers bewaakt haar (src/termijnen) en signaleert een toewijzing zonder start.'),
  OP272: impl(TERMIJNEN, TERMIJN_DEADLINES, 'Een termijn van de aanbieder; Koers bewaakt haar (src/termijnen) en signaleert een beëindigde toewijzing zonder stop.'),
  OP274: impl(TERMIJNEN, { file: TERMIJN_TEST, name: 'asks one answer within 5 working days while nothing was sent' }, 'Het antwoord geeft het lokale team; Koers bewaakt de vijf werkdagen en, na "in onderzoek", de acht weken (src/termijnen).'),
  OP275: impl(at('src/db/migrations/0004-toegang.ts', 'toewijzing_nummer'), NUMMER_TEST, 'Uniek per gemeente en wet: een nummer uit de reeks per gemeente, en een unique-constraint.'),
  OP276: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR304 (8187): the toewijzing belongs to another client' }, 'Koers weigert een prestatie zonder toewijzing voor deze aanbieder (TR338) of voor een andere cliënt (TR304).'),
  OP279: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR307/308 (9307, 9308): the product period lies within the toewijzing' }),
  OP280: aanbieder('een declaratie over één declaratieperiode; de XSD staat er één toe'),
  OP281: nvt('Beschrijving van de inhoud van een declaratie, geen eis.'),
  OP283: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR314 (8021): a ReferentieNummer is used once by the provider in the law — across toewijzingen and messages, approved or not' }, 'Koers weigert een ReferentieNummer dat de aanbieder in het wettelijk domein al gebruikte (TR314).'),
  OP284: impl(at(DECLARATIE, 'receiveDeclaration'), { file: 'src/declaraties/declaratieperiode.test.ts', name: 'refuses a period that skips a month in which care ran (8214), and takes the month it skipped' }, 'Als TR318: een maand overslaan mag alleen als er volgens de eigen 305- en 307-berichten van de aanbieder geen zorg liep.'),
  OP286: impl(at(INBOX, 'linkRetour'), { file: 'src/inbox/inbox.test.ts', name: 'counts a 301 the provider refuses whole (a code in its 302\'s Header) as not sent: its toewijzingen go back to the version sent before (OP286)' }, 'Een ontvangen technisch fout bericht verandert niets (niveau 1: niet opgeslagen; niveau 2: afgekeurd met 0001). Een 301 die de aanbieder in zijn geheel afkeurt (302 met een code in de Header) telt als niet verstuurd: de toewijzingen erin gaan terug naar de eerder verstuurde versie en gaan met de volgende 301 opnieuw mee.'),
  OP288: nvt('Plicht van de aanbieder; Koers signaleert een beëindigde toewijzing waarvan de start geen stop kreeg (toegang-signals.ts).'),
  OP289: impl(at(START_STOP_RULES, 'judgeStart'), START_STOP_TESTS.tr326, 'Koers weigert een tweede start zolang de levering niet is gestopt (TR326).'),
  OP295: nvt('Plicht van de aanbieder; Koers signaleert ontbrekende starts en stops (toegang-signals.ts).'),
  OP296: aanbieder('een verzoek om toewijzing binnen de contractafspraken; Koers toetst het contract bij het toewijzen (TG-GEGUND, TG-TARIEF)'),
  OP297: aanbieder('de zorgverlenercode van de verwijzer meegeven'),
  OP298: impl(at(TOEWIJZING_RULES, 'checkWijziging'), { file: 'src/toewijzingen/toewijzing.rules.test.ts', name: 'lowers a total volume or a budget only on the provider\'s request or with its consent (OP298, OP299)' }),
  OP299: impl(at(TOEWIJZING_RULES, 'checkWijziging'), { file: 'src/toewijzingen/toewijzing.rules.test.ts', name: 'lowers a total volume or a budget only on the provider\'s request or with its consent (OP298, OP299)' }),
  OP302: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'OP302 with TR418 (0611) and TR341 (9341): an aspecific toewijzing is declared with any code of its categorie, at that code’s contracted tariff and unit' }),
  OP303: impl(at(RETOUR, 'buildDeclaratieAntwoord'), ANSWER_325_TEST),
  OP304: impl(at(RETOUR, 'buildDeclaratieAntwoord'), ANSWER_325_TEST),
  OP305: impl(at('src/products/product.rules.ts', 'unitsPerVariant'), { file: 'src/products/product.rules.test.ts', name: 'OP305: a product contracted inspanningsgericht in pieces is allocated in eenheid 84 (stuks inspanning), not 82 (stuks output)' }, 'Een inspanningsgericht product in stuks heeft eenheid 84; de toewijzing neemt de eenheid van het product.'),
  OP306: aanbieder('het verzoek om wijziging gebruiken wanneer een ander pakket nodig is'),
  OP307: aanbieder('een verzoek om toewijzing alleen met een verwijzing of open beschikking'),
  OP308: impl(at(REQUEST_RECEIVE, 'handleChangeRequest'), REQUEST_TESTS.tr349, 'Koers weigert een 317 die niet alle actuele toewijzingen noemt (TR349).'),
  OP343: aanbieder('een verzoek om wijziging tijdig indienen'),
  OP344: impl(at(REQUEST_QUERIES, 'refuseRequest'), REFUSE_319_TEST, 'Het lokale team beantwoordt elk verzoek met een 301 (approveRequest) of een 319 (refuseRequest).'),
  OP345: impl(at(TOEWIJZING_RULES, 'checkWijziging'), { file: TR_TEST, name: 'keeps a lower total volume or budget above what approved declarations took (OP345)' }, 'Een lager totaalvolume of budget blijft boven wat goedgekeurde declaraties al namen, ook buiten een 317.'),
  OP346: impl(TERMIJNEN, { file: TERMIJN_TEST, name: 'asks one answer within 5 working days while nothing was sent' }, 'Het antwoord geeft het lokale team; Koers bewaakt de vijf werkdagen en, na "in onderzoek", de acht weken (src/termijnen).'),
  OP347: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR386: a product occurs twice in a 315 only with periods that do not overlap' }, 'Koers weigert een product dat in één verzoek twee keer in overlappende perioden voorkomt (TR386, TR410, TR361).'),
  OP348: impl(at(REQUEST_QUERIES, 'approveChangeRequest'), IV066_TEST),
  OP349: impl(at(DECLARATIE, 'receiveDeclaration'), { file: DECLARATIE_TEST, name: 'refuses a DeclaratieNummer used before (TR333, 9333) and grants nothing' }),
  OP350: impl(at(REQUEST_RECEIVE, 'tr374PendingRequest'), REQUEST_TESTS.tr374, 'Koers weigert een verzoek zolang een eerder verzoek voor de cliënt in behandeling is (TR374).'),
  OP354: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR319 (9319): the product period lies in this declaratieperiode or an earlier one' }),
  OP355: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: GEMEENTE_BERICHTEN, name: 'names the 323 it answers by its BerichtIdentificatie and XsdVersie (TR337, TR371, OP355)' }, 'Koers stuurt een 325 alleen als antwoord op een 323, met diens BerichtIdentificatie als DeclaratieIdentificatie.'),
  OP359: impl(TERMIJNEN, { file: TERMIJN_TEST, name: 'gives a refusal on the woonplaatsbeginsel 2 weeks instead of 5 working days' }, 'Koers bewaakt de twee weken; de 319 noemt de verantwoordelijke gemeente (TR377, IV095).'),
  OP360: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR390 (9390): a debit is credited once; then the period may be declared again (TR389)' }, 'Koers weigert een tweede creditering van dezelfde prestatie (TR390).'),
  OP361: impl(at(REQUEST_RECEIVE, 'handleRequest'), REQUEST_TESTS.tr347, 'Koers weigert een ReferentieAanbieder die de aanbieder al gebruikte (TR347).'),
  OP362: impl(at(TOEWIJZING_QUERIES, 'changeToewijzing'), { file: DECLARATIE_TEST, name: 'refuses to delete a toewijzing with approved lines (TR385, 9385)' }, 'Koers verwijdert geen toewijzing met een start of met goedgekeurde declaratieregels.'),
  OP363: impl(at(START_STOP, 'trackOf'), START_STOP_TESTS.tr019, 'Koers weigert een start of stop die niet bij een toewijzing van deze aanbieder hoort (TR019).'),
  OP364: impl(at(PRESTATIE, 'checkPrestatie'), { file: 'src/declaraties/declaratie.routes.test.ts', name: 'signals tariff mismatches and care declared without a start' }, 'Een declaratie zonder start wordt niet geweigerd, alleen gesignaleerd.'),
  OP365: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR322 per declaratieperiode: lines of one month on a toewijzing whose dates changed since count together' }, 'Koers weigert wat de toegewezen omvang of het budget overschrijdt (TR321, TR322, TR369).'),
  OP366: impl(at(PRESTATIE, 'creditsFirst'), { file: PRESTATIE_TEST, name: 'OP366: credits are processed before the debits of the same message, so a correction finds its line credited' }, 'Koers weigert een nieuwe debetregel over een betaalde periode tot die is gecrediteerd (TR389), en verwerkt credits vóór debets.'),
  OP367: level2('CS337'),
  OP368: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR307/308 (9307, 9308): the product period lies within the toewijzing' }),
  OP369: aanbieder('begin- en einddatum in start en stop zijn die van de werkelijke levering'),
  OP377: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.stops, 'Na een definitieve stop weigert Koers elke volgende stop (TR415).'),
  OP378: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.stops, 'Na een tijdelijke stop aanvaardt Koers alleen een definitieve stop (TR413, TR414).'),
  OP379: impl(at(START_STOP_RULES, 'judgeStart'), START_STOP_TESTS.tr326, 'Een nieuwe start na een (tijdelijke) stop aanvaardt Koers.'),
  OP380: impl(at(TOEWIJZING_QUERIES, 'changeToewijzing'), VERLENGING_TEST, 'Een verlenging (RedenWijziging 04) rekt de einddatum op en houdt het ToewijzingNummer.'),

  // Invulinstructies
  IV002: nvt('Koers stuurt alleen het BRP-adres van de cliënt, geen adres van een instelling.'),
  IV007: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), LIFECYCLE_TEST, 'Geslachtsnaam, voorvoegsel en voorletters gescheiden; NaamGebruik 1.'),
  IV008: impl(at(START_STOP, 'handleStart'), { file: SS_TEST, name: 'IV008: a correction of the Begindatum removes and replaces in one message, whatever the order of the classes' }, 'Een correctie verwijdert met StatusAanlevering 3 de eerdere aanlevering met dezelfde sleutel; Koers verwerkt verwijderingen eerst.'),
  IV009: impl(at('src/clients/client.queries.ts', 'datumGebruikProblem'), { file: 'src/clients/client-input.test.ts', name: 'takes a partly unknown birth date only in the form IV009 gives it (OP252)' }, 'Onbekende delen zijn 01 (dag, maand) of 1900 (jaar); DatumGebruik zegt welk deel betrouwbaar is.'),
  IV013: impl(at(TOEWIJZING_QUERIES, 'stamp'), VERLENGING_TEST),
  IV024: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), { file: DECLARATIE_TEST, name: 'grants a declaration that matches its toewijzing: 325 with Header 0200, DeclaratieAntwoord 8001 and the total (IV087), lines and realisation kept' }, 'Koers rekent in hele centen en schrijft bedragen als centen.'),
  IV028: impl(at(RETOUR, 'buildRetour'), { file: WRITE_TEST, name: '$name approved whole is answered with its Header alone, without retourcodes (IV028)' }),
  IV032: impl(at(RETOUR, 'buildRetour'), { file: WRITE_TEST, name: 'marks the classes below a rejected client 0233: not assessed' }),
  IV033: nvt('De XsltVersie vermeldt de versie van de ter beschikking gestelde XSLTs als die bij de controle gebruikt zijn; Koers toetst de regels van niveau 2 met eigen code (message-rules.ts), niet met die XSLTs, en heeft dus geen XSLT-versie te melden.'),
  IV034: impl(at(WRITE, 'xsdVersieOf'), ROUND_TRIP),
  IV042: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), LIFECYCLE_TEST, 'Omvang met Volume, Eenheid en Frequentie, of Budget; de CD/CS-regels houden de combinaties zuiver.'),
  IV045: impl(at(GEZAG_SCHEMA, 'gezagsdragerSchema'), { file: TB_TEST, name: 'carries the gezagsdrager as a Relatie of the iJw 301 (OP001, OP002, OP071, IV045), not when the provider said it knows it (OP002x1)' }, 'Een organisatie heeft gezag als voogd (Soort 11); haar naam gaat in de achternaam.'),
  IV046: impl(at('src/exchange/outbox.ts', 'gemeenteHeader'), LIFECYCLE_TEST, 'De header draagt de CBS-code van de gemeente die de toewijzing afgaf.'),
  IV047: impl(at('src/toewijzingen/toewijzing.queries.ts', 'sendToewijzingen'), { file: 'src/toewijzingen/toewijzingbericht.test.ts', name: 'sends a partly unknown birth date with its DatumGebruik (OP252, IV009), and a briefadres as correspondentie-adres (IV047)' }, 'Met alleen een briefadres in de BRP gaat het adres als correspondentie-adres (Soort 02) mee (client.adres_soort).'),
  IV052: aanbieder('het beschikkingnummer in het verzoek om toewijzing'),
  IV066: impl(at(TOEWIJZING_RULES, 'checkWijziging'), { file: 'src/toewijzingen/toewijzing.rules.test.ts', name: 'changes the volume of a total (frequentie 6) on the same number, any other omvang not (IV066, OP033x1)' }, 'Alleen einddatum, budget en een totaalvolume (frequentie 6) wijzigen op hetzelfde nummer; een andere omvang wordt een nieuwe toewijzing (replaceOmvang).'),
  IV074: nvt('Verwijzing naar de handreiking uitvoeringsvarianten, geen eis aan het systeem.'),
  IV075: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), { file: TB_TEST, name: 'writes a generic toewijzing with a Budget and no Product (IV075, CD079), and an aspecific one with the categorie only (CD080)' }, 'Specifiek (categorie en code), aspecifiek (alleen categorie) of generiek (geen Product, wel Budget).'),
  IV076: impl(at(PRESTATIE, 'maxVolumeInPeriod'), { file: PRESTATIE_TEST, name: 'per week, outputgericht: the Sundays in the product period, plus the broken last week where the last Sunday lies (IV076, IV077)' }, 'Een invulinstructie voor de aanbieder; Koers toetst het volume per week zoals zij het voorschrijft (TR321).'),
  IV077: impl(at(PRESTATIE, 'maxVolumeInPeriod'), { file: PRESTATIE_TEST, name: 'per week, inspanningsgericht: calendar weeks per product period, and the weeks of the toewijzing in total (IV077 example)' }, 'Het maximale volume telt de (gebroken) kalenderweken die de productperiode raakt (TR321, TR322).'),
  IV078: impl(at(PRESTATIE, 'maxVolumeInPeriod'), { file: PRESTATIE_TEST, name: 'per month: the whole volume also in a broken month (IV078, example 2), and the months together' }),
  IV079: aanbieder('het volume bij uren die geen hele uren zijn'),
  IV081: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR346 (9346): IngediendBedrag is GeleverdVolume × ProductTarief; in minutes, the hourly tariff × minutes / 60 rounded (IV081)' }, 'Een invulinstructie voor de aanbieder; Koers rekent minuten tegen een uurtarief om zoals zij zegt (TR346, TR418).'),
  IV084: aanbieder('aparte prestaties per toewijzing binnen een declaratieperiode'),
  IV085: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'IV085: a credit is not judged against a toewijzing or tariff that changed after its debit' }, 'Koers beoordeelt een credit alleen op zijn relatie met de debetregel.'),
  IV086: aanbieder('debet- en creditprestaties in een declaratie'),
  IV087: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: WRITE_TEST, name: 'answers a 323 granted whole with Header 0200 and DeclaratieAntwoord 8001, the whole amount granted (IV087)' }),
  IV088: impl(at(DECLARATIE, 'receiveDeclaration'), { file: DECLARATIE_TEST, name: 'answers only the rejected prestaties with their retourcodes (TR342), grants the rest' }),
  IV089: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR387/388 (9387, 9388): every product period is the calendar month, or the part the toewijzing covers (IV089)' }, 'Koers toetst de ProductPeriode zoals zij voorschrijft (TR387, TR388).'),
  IV090: aanbieder('achteraf declareren'),
  IV091: impl(at(PRESTATIE, 'mirrors'), { file: PRESTATIE_TEST, name: 'TR323 (8017): a credit names an approved debit of the same toewijzing and is its copy' }, 'Een credit is de kopie van zijn debet; Koers weigert er een die afwijkt (TR323).'),
  IV092: aanbieder('een verzoek om wijziging vullen'),
  IV093: impl(at(TOEWIJZINGBERICHT, 'toegewezenProducten'), { file: TBR_TEST, name: 'gives every product of the answer to a 317 its one ReferentieAanbieder, unchanged ones without RedenWijziging (IV093, IV097)' }),
  IV094: impl(at(TOEWIJZINGBERICHT, 'toegewezenProducten'), { file: TBR_TEST, name: 'gives a toewijzing honouring a 315 its ReferentieAanbieder the first time only, and none to the others (TR379, IV094, IV097)' }),
  IV095: impl(at(TOEWIJZINGBERICHT, 'checkAntwoord'), { file: TBR_TEST, name: 'names the responsible gemeente with reden 8, and only then (TR377, TR409, IV095)' }),
  IV096: impl(at(START_STOP, 'trackOf'), { file: SS_TEST, name: 'IV096: a taakgericht start and stop need no toewijzing and are keyed by Product and Begindatum' }, 'Een invulinstructie voor de aanbieder; Koers hanteert dezelfde sleutel: ToewijzingNummer, of bij taakgericht Product, met Begindatum.'),
  IV097: impl(at(TOEWIJZINGBERICHT, 'toegewezenProducten'), { file: TBR_TEST, name: 'gives a toewijzing honouring a 315 its ReferentieAanbieder the first time only, and none to the others (TR379, IV094, IV097)' }),
  IV099: impl(at(TOEWIJZINGBERICHT, 'toegewezenProducten'), { file: TBR_TEST, name: 'fills RedenWijziging only for a product changed since it was last sent, never on an initial one (IV099, IV066)' }),

  // Technische regels
  TR002: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR002: a Geboortedatum more than 120 years before the Dagtekening is refused, unless it is unknown' }),
  TR006: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), ADRES_TEST, 'De 301 draagt het BRP-adres met Huis en Postcode; zonder die weigert Koers haar te schrijven.'),
  TR018: impl(at(MESSAGE_RULES, 'messageRules'), { file: MR_TEST, name: 'TR018: the Einddatum of a stop lies on or after its Begindatum' }),
  TR019: impl(at(START_STOP, 'trackOf'), START_STOP_TESTS.tr019),
  TR056: impl(at(ADMIT, 'admit'), { file: LIFECYCLE, name: 'changes nothing the second time the same message arrives, and says so' }),
  TR061: impl(at(TOEWIJZING_QUERIES, 'sendToewijzingen'), ADRES_TEST, 'De 301 draagt altijd het BRP-adres (Soort 01).'),
  TR063: impl(at(START_STOP_RULES, 'judgeStartRemoval'), START_STOP_TESTS.tr063),
  TR071: impl(at(START_STOP_RULES, 'judgeStartRemoval'), START_STOP_TESTS.tr071),
  TR074: impl(at(START_STOP_RULES, 'judgeStart'), START_STOP_TESTS.tr074),
  TR101: impl(at(MESSAGE_RULES, 'uniqueKeys'), { file: MR_TEST, name: 'TR101: a start, or a stop, twice with the same logical key in one message is refused — also a removal and its replacement' }, 'De 305, 307 en 317 bij het lezen, de 323 over de weggeschreven regels (declaratie-inhoud.queries.ts), de 315 met TR383; de eigen 301 en 325 hebben unieke sleutels door hun nummering.'),
  TR134: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR134: a Geboortedatum, the Begindatum of a start or the Einddatum of a stop after the Dagtekening is refused' }, 'Op 301, 305, 307 en 315 de Geboortedatum, de Begindatum van een start en de Einddatum van een stop; op de 323 de Begindatum van een ProductPeriode (per Prestatie, in de stroom; test "TR134 on the 323"). De DeclaratieDagtekening valt onder TR137 en de Einddatum van een prestatie onder de declaratieperiode. De 325 die Koers schrijft draagt de periodes van een eerder gedagtekende 323.'),
  TR135: impl(at(ADMIT, 'futureDagtekening'), { file: DECLARATIE_TEST, name: 'answers a 323 dated after today with the 325 Header alone and 8848 (TR135), keeping no line' }, 'Getoetst op de Dagtekening van elk ontvangen bericht.'),
  TR137: level2('TR137'),
  TR302: impl(at(TOEWIJZING_RULES, 'checkToewijzing'), { file: 'src/toewijzingen/toewijzing.rules.test.ts', name: 'refuses a second toewijzing for the same product in an overlapping period, but not over a withdrawn one (TG-OVERLAP)' }, 'Koers wijst een product niet twee keer in overlappende perioden toe, dus de 301 bevat geen overlap.'),
  TR304: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR304 (8187): the toewijzing belongs to another client' }, 'Op de 323 (checkPrestatie) en de 317 (request.receive.ts).'),
  TR307: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR307/308 (9307, 9308): the product period lies within the toewijzing' }),
  TR308: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR307/308 (9307, 9308): the product period lies within the toewijzing' }),
  TR314: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR314 (8021): a ReferentieNummer is used once by the provider in the law — across toewijzingen and messages, approved or not' }),
  TR315: impl(at('src/declaraties/declaratie-inhoud.queries.ts', 'withinMessageFaults'), { file: DECLARATIE_TEST, name: 'TR315: one VorigReferentieNummer credited twice in the message; the valid case, a credit and its corrected debit, is accepted' }),
  TR316: impl(at('src/declaraties/declaratie-inhoud.queries.ts', 'withinMessageFaults'), { file: DECLARATIE_TEST, name: 'TR316: a debit credited in the message that declares it' }),
  TR318: impl(at(DECLARATIE, 'receiveDeclaration'), { file: 'src/declaraties/declaratieperiode.test.ts', name: 'refuses a period that skips a month in which care ran (8214), and takes the month it skipped' }, 'Een periode vóór de laatst gedeclareerde wordt geweigerd; de laatste mag terugkomen (correctie). Een overgeslagen maand wordt geweigerd als er volgens de 305- en 307-berichten van de aanbieder zorg liep op een toewijzing die nog gold (firstDayWithCare); zonder start- en stopberichten ziet Koers geen zorg en weigert het niet.'),
  TR319: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR319 (9319): the product period lies in this declaratieperiode or an earlier one' }),
  TR321: impl(at(PRESTATIE, 'maxVolumeInPeriod'), { file: PRESTATIE_TEST, name: 'per week, outputgericht: a declaration for the month after the last Sunday is refused (9321)' }),
  TR322: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR322 per declaratieperiode: lines of one month on a toewijzing whose dates changed since count together' }),
  TR323: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR323 (8017): a credit names an approved debit of the same toewijzing and is its copy' }),
  TR326: impl(at(START_STOP_RULES, 'judgeStart'), START_STOP_TESTS.tr326),
  TR332: impl(at('src/db/migrations/0004-toegang.ts', 'toewijzing_nummer'), NUMMER_TEST, 'Uniek per gemeente en wet: een nummer uit de reeks per gemeente, en een unique-constraint.'),
  TR333: impl(at(DECLARATIE, 'receiveDeclaration'), { file: DECLARATIE_TEST, name: 'refuses a DeclaratieNummer used before (TR333, 9333) and grants nothing' }),
  TR335: level2('TR335'),
  TR337: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: GEMEENTE_BERICHTEN, name: 'names the 323 it answers by its BerichtIdentificatie and XsdVersie (TR337, TR371, OP355)' }),
  TR338: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR338 (9338): no toewijzing of this provider with that number, or one never sent' }),
  TR339: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR339 (9339), TR340 (9340): categorie and, on a specific toewijzing, code as allocated' }),
  TR340: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR339 (9339), TR340 (9340): categorie and, on a specific toewijzing, code as allocated' }),
  TR341: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR341 (9341): the unit of the toewijzing, or minutes against hours (IV081)' }),
  TR342: impl(at(DECLARATIE, 'receiveDeclaration'), { file: DECLARATIE_TEST, name: 'answers only the rejected prestaties with their retourcodes (TR342), grants the rest' }),
  TR346: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR346 (9346): IngediendBedrag is GeleverdVolume × ProductTarief; in minutes, the hourly tariff × minutes / 60 rounded (IV081)' }),
  TR347: impl(at(REQUEST_RECEIVE, 'handleRequest'), REQUEST_TESTS.tr347),
  TR349: impl(at(REQUEST_RECEIVE, 'handleChangeRequest'), REQUEST_TESTS.tr349),
  TR350: impl(at(REQUEST_RECEIVE, 'handleChangeRequest'), REQUEST_TESTS.tr349),
  TR351: impl(at(REQUEST_RECEIVE, 'handleChangeRequest'), REQUEST_TESTS.tr349),
  TR352: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR352 and TR353: a 317 names at least one current toewijzing and asks at least one change' }),
  TR353: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR352 and TR353: a 317 names at least one current toewijzing and asks at least one change' }),
  TR355: impl(at(REQUEST_QUERIES, 'answer'), REFUSE_319_TEST, 'Koers stuurt een 319 alleen op een ontvangen verzoek, met diens ReferentieAanbieder.'),
  TR357: impl(at(REQUEST_RECEIVE, 'handleChangeRequest'), REQUEST_TESTS.tr357),
  TR358: impl(at(DECLARATIE, 'receiveDeclaration'), { file: DECLARATIE_TEST, name: 'rejects the whole message when TotaalIngediendBedrag is not the sum of its prestaties, keeping no line' }),
  TR359: impl(at(REQUEST_QUERIES, 'openRequest'), { file: TB_TEST, name: 'answers a 315 "in onderzoek" (319 VerzoekAntwoord 2), then grants it with a 301 that alone carries the ReferentieAanbieder (OP274, TR360, TR379, IV094, IV097, IV099)' }, 'Een beantwoord verzoek kan geen 319 meer krijgen.'),
  TR360: impl(at(REQUEST_QUERIES, 'markInProgress'), { file: TB_TEST, name: 'answers a 315 "in onderzoek" (319 VerzoekAntwoord 2), then grants it with a 301 that alone carries the ReferentieAanbieder (OP274, TR360, TR379, IV094, IV097, IV099)' }),
  TR361: impl(at(REQUEST_RECEIVE, 'tr361Overlap'), REQUEST_TESTS.tr361),
  TR365: impl(at(REQUEST_QUERIES, 'markInProgress'), { file: 'src/toewijzingen/toewijzingbericht.test.ts', name: 'sends one "in onderzoek" per request and no 319 after a refusal (TR365: a second 319 only after a first with VerzoekAntwoord 2)' }, 'Eén keer "in onderzoek" per verzoek (markInProgress); na een afwijzing of toewijzing is het verzoek beantwoord en volgt geen 319 meer (openRequest).'),
  TR366: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: GEMEENTE_BERICHTEN, name: 'repeats each rejected prestatie with the ProductReferentie and values of the 323 (TR366, TR367)' }),
  TR367: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: GEMEENTE_BERICHTEN, name: 'repeats each rejected prestatie with the ProductReferentie and values of the 323 (TR366, TR367)' }),
  TR369: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR369 (9369): with a budget, the amounts of the approved prestaties stay within it' }),
  TR371: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: GEMEENTE_BERICHTEN, name: 'names the 323 it answers by its BerichtIdentificatie and XsdVersie (TR337, TR371, OP355)' }),
  TR373: impl(at(REQUEST_RECEIVE, 'handleChangeRequest'), REQUEST_TESTS.tr357),
  TR374: impl(at(REQUEST_RECEIVE, 'tr374PendingRequest'), REQUEST_TESTS.tr374),
  TR375: impl(at(REQUEST_RECEIVE, 'tr411Omvang'), { file: RR_TEST, name: 'TR375 (9375): a toewijzing without a Product takes no Omvang after 2020' }),
  TR376: impl(at(RETOUR, 'buildDeclaratieAntwoord'), { file: GEMEENTE_BERICHTEN, name: 'repeats the DeclaratieNummer of the 323 (TR376)' }),
  TR377: impl(at(TOEWIJZINGBERICHT, 'checkAntwoord'), { file: TBR_TEST, name: 'names the responsible gemeente with reden 8, and only then (TR377, TR409, IV095)' }),
  TR378: impl(at(ADMIT, 'admit'), { file: 'src/inbox/inbox.test.ts', name: 'answers a message for a gemeente outside the region with a retour carrying S300 (TR378) and stores nothing' }, 'Koers weigert een bericht aan een gemeente die niet tot de regio behoort.'),
  TR379: impl(at(TOEWIJZINGBERICHT, 'toegewezenProducten'), { file: TBR_TEST, name: 'gives a toewijzing honouring a 315 its ReferentieAanbieder the first time only, and none to the others (TR379, IV094, IV097)' }),
  TR380: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR380: the Einddatum of a TeWijzigenProduct lies after the Dagtekening' }),
  TR381: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR381 (S329): the ProductCode must be on the product list for its categorie' }, 'Op ontvangen 305, 307, 315, 317 en 323; de eigen 301 kent alleen producten van de lijst van de regio.'),
  TR382: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.tr382),
  TR383: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR383: ReferentieAanbieder is unique per AangevraagdProduct in a 315' }),
  TR384: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR384 (9384): nothing on a toewijzing deleted with RedenWijziging 13' }),
  TR385: impl(at(TOEWIJZING_QUERIES, 'changeToewijzing'), { file: DECLARATIE_TEST, name: 'refuses to delete a toewijzing with approved lines (TR385, 9385)' }),
  TR386: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR386: a product occurs twice in a 315 only with periods that do not overlap' }),
  TR387: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR387/388 (9387, 9388): every product period is the calendar month, or the part the toewijzing covers (IV089)' }),
  TR388: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR387/388 (9387, 9388): every product period is the calendar month, or the part the toewijzing covers (IV089)' }),
  TR389: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR389 (9389): a period, product and toewijzing already paid is credited before it is declared again' }),
  TR390: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR390 (9390): a debit is credited once; then the period may be declared again (TR389)' }),
  TR409: impl(at(TOEWIJZINGBERICHT, 'checkAntwoord'), { file: TBR_TEST, name: 'names the responsible gemeente with reden 8, and only then (TR377, TR409, IV095)' }),
  TR410: impl(at(MESSAGE_RULES, 'messageWide'), { file: MR_TEST, name: 'TR410: a product occurs twice among the NieuwProducten of a 317 only with periods that do not overlap' }),
  TR411: impl(at(REQUEST_RECEIVE, 'tr411Omvang'), REQUEST_TESTS.tr411),
  TR412: impl(at(REQUEST_RECEIVE, 'tr411Omvang'), REQUEST_TESTS.tr411),
  TR413: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.stops),
  TR414: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.stops),
  TR415: impl(at(START_STOP_RULES, 'judgeStop'), START_STOP_TESTS.stops),
  TR416: impl(at('src/declaraties/declaratie-inhoud.queries.ts', 'withinMessageFaults'), { file: DECLARATIE_TEST, name: 'TR416: two debits for the same toewijzing, period and product' }),
  TR418: impl(at(PRESTATIE, 'checkPrestatie'), { file: PRESTATIE_TEST, name: 'TR418 (0611): the tariff is the contracted one of the ProductCode on the period’s first day' }),

  // Condities en constraints (iJw)
  CD005: level2('CD005'),
  CD007: level2('CD007'),
  CD009: level2('CD009'),
  CD025: level2('CD025'),
  CD034: level2('CD034'),
  CD041: level2('CD041', 'omvangRules'),
  CD043: level2('CD043'),
  CD060: level2('CD060'),
  CD066: level2('CD066'),
  CD067: level2('CD067'),
  CD068: level2('CD068'),
  CD075: level2('CD075', 'omvangRules'),
  CD076: level2('CD076', 'omvangRules'),
  CD077: level2('CD077', 'omvangRules'),
  CD078: level2('CD078', 'omvangRules'),
  CD079: level2('CD079', 'omvangRules'),
  CD080: level2('CD080', 'PRODUCT_ELEMENTS'),
  CD085: level2('CD085'),
  CD086: level2('CD086'),
  CD087: level2('CD087'),
  CD095: level2('CD095', 'PRODUCT_ELEMENTS'),
  CD096: level2('CD096', 'PRODUCT_ELEMENTS'),
  CS002: level2('CS002'),
  CS003: level2('CS003'),
  CS015: impl(at('src/istandaarden/schema/generated/schemas.ts', 'Header.BerichtSubversie'), XSD_RULE, 'Een XSD-restrictie (niveau 1): BerichtSubversie is 2.'),
  CS025: impl(at('src/istandaarden/schema/generated/schemas.ts', 'Header.BerichtVersie'), XSD_RULE, 'Een XSD-restrictie (niveau 1): BerichtVersie is 3.'),
  CS050: level2('CS050'),
  CS058: level2('CS058'),
  CS089: level2('CS089'),
  CS100: level2('CS100'),
  CS139: level2('CS139'),
  CS318: level2('CS318'),
  CS319: impl(at('src/istandaarden/schema/generated/schemas.ts', 'patterns'), XSD_RULE, 'Een XSD-restrictie (niveau 1): het patroon van ReferentieNummer.'),
  CS325: level2('CS325'),
  CS335: level2('CS335'),
  CS336: level2('CS336'),
  CS337: level2('CS337'),
  CS338: level2('CS338', 'PRODUCT_ELEMENTS'),
  CS339: level2('CS339'),
  CS340: level2('CS340'),
  CS343: level2('CS343', 'PRODUCT_ELEMENTS'),
}

/** Where iWmo differs from the entry above (same code, another reading). */
export const conformanceIwmo: Readonly<Record<string, Conformance>> = {
  // The iWmo works these out without the iJw-only OP001, OP002, OP011, OP270 and OP359.
  UP004: up('OP043, OP086, OP087, OP186, OP274 en OP275'),
  UP026: up('OP086, OP261, OP262, OP264 en OP363'),
  UP032: up('OP306, OP307, OP308, OP343, OP344, OP346, OP347, OP348 en OP350'),
  // iWmo OP259 and TR302: the hulpmiddelencategorieën 11–14 may be stacked.
  OP259: impl(at(TOEWIJZING_RULES, 'checkToewijzing'), { file: TR_TEST, name: 'lets a Wmo hulpmiddel (categorie 11–14) be allocated twice in one period (iWmo OP259)' }, 'Hulpmiddelen (categorie 11–14) mogen gestapeld worden toegewezen, andere producten niet.'),
  TR302: impl(at(TOEWIJZING_RULES, 'checkToewijzing'), { file: TR_TEST, name: 'lets a Wmo hulpmiddel (categorie 11–14) be allocated twice in one period (iWmo OP259)' }, 'Koers wijst een product niet twee keer in overlappende perioden toe, behalve hulpmiddelen (categorie 11–14), die het iWmo toestaat.'),
}

/** The entry for `code` in `law`. */
export function conformanceOf(law: Law, code: string): Conformance | undefined {
  return (law === 'iwmo' ? conformanceIwmo[code] : undefined) ?? conformance[code]
}

/**
 * Places where the code's rule name, or the retourcode it answers with, leads to a rule the
 * regelrapport means otherwise. conformance.test.ts accepts a use of a rule code only from a
 * file of its `waar` or from here, and keeps this list to what the code still does.
 */
export const afwijkingen: readonly Afwijking[] = [
  { rule: 'TR063', file: INBOX, toelichting: 'Een retour (302, 320) op een onbekend bericht krijgt TR063 (9063); TR063 gaat over StatusAanlevering 3 in een 305 of 307.' },
]
