/**
 * Which retourcodes the regelrapport (iJw and iWmo 3.2) lets the gemeente give on each message
 * it answers with a retour, and by which rules; with the titles of those rules. Read by the
 * second opinion in observer mode (ADR 0028): a code the back office gave that no rule for that
 * message gives, and the rule that shows a rejection does not apply. Copied from the
 * regelrapport; `standaard-codes.test.ts` holds it to the regelrapport.
 */
import type { Law } from '../message-catalog.ts'

/** The provider's messages a gemeente answers with retourcodes: the 323 (with a 325) and the 305, 307, 315 and 317 (with a 306, 308, 316, 318). */
export type CodeBericht = '323' | '305' | '307' | '315' | '317'

/** The rule that forbids making a declaration conditional on the start and stop messages: a rejection on them is answered with it. */
export const REGIE_REGEL = 'OP364'

/** Per law and message: each retourcode the rules for that message give, with those rules. */
export const standaardCodes: Readonly<Record<Law, Readonly<Record<CodeBericht, Readonly<Record<string, readonly string[]>>>>>> = {
  ijw: {
    '323': { '0001': ['TR101', 'TR134', 'TR137', 'TR315', 'TR316', 'TR335', 'TR358', 'TR416', 'CD060', 'CD087', 'CS002', 'CS100', 'CS325', 'CS337', 'CS339', 'CS340'], '0611': ['TR418'], '8017': ['TR323'], '8021': ['TR314'], '8187': ['TR304'], '8214': ['TR318'], '8848': ['TR135'], '9056': ['TR056'], '9307': ['TR307'], '9308': ['TR308'], '9319': ['TR319'], '9321': ['TR321'], '9322': ['TR322'], '9333': ['TR333'], '9338': ['TR338'], '9339': ['TR339'], '9340': ['TR340'], '9341': ['TR341'], '9346': ['TR346'], '9369': ['TR369'], '9384': ['TR384'], '9387': ['TR387'], '9388': ['TR388'], '9389': ['TR389'], '9390': ['TR390'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '305': { '0001': ['TR002', 'TR101', 'TR134', 'CS002', 'CS058', 'CS139'], '8848': ['TR135'], '9019': ['TR019'], '9056': ['TR056'], '9063': ['TR063'], '9071': ['TR071'], '9074': ['TR074'], '9326': ['TR326'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '307': { '0001': ['TR002', 'TR018', 'TR101', 'TR134', 'CS002', 'CS058', 'CS139'], '8848': ['TR135'], '9019': ['TR019'], '9056': ['TR056'], '9063': ['TR063'], '9069': ['TR382'], '9074': ['TR074'], '9413': ['TR413'], '9414': ['TR414'], '9415': ['TR415'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '315': { '0001': ['TR002', 'TR101', 'TR134', 'TR383', 'TR386', 'CD041', 'CD043', 'CD066', 'CD067', 'CD068', 'CD075', 'CD076', 'CD077', 'CD078', 'CD079', 'CD095', 'CS002', 'CS003', 'CS139', 'CS343'], '8848': ['TR135'], '9056': ['TR056'], '9347': ['TR347'], '9374': ['TR374'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '317': { '0001': ['TR101', 'TR352', 'TR353', 'TR380', 'TR410', 'CD041', 'CD075', 'CD076', 'CD077', 'CD078', 'CD079', 'CD096', 'CS002', 'CS003', 'CS338'], '8187': ['TR304'], '8848': ['TR135'], '9056': ['TR056'], '9347': ['TR347'], '9349': ['TR349'], '9350': ['TR350'], '9351': ['TR351'], '9357': ['TR357'], '9361': ['TR361'], '9373': ['TR373'], '9374': ['TR374'], '9375': ['TR375'], '9411': ['TR411'], '9412': ['TR412'], 'S300': ['TR378'], 'S329': ['TR381'] },
  },
  iwmo: {
    '323': { '0001': ['TR101', 'TR134', 'TR137', 'TR315', 'TR316', 'TR335', 'TR358', 'TR416'], '0611': ['TR418'], '8017': ['TR323'], '8021': ['TR314'], '8187': ['TR304'], '8214': ['TR318'], '8848': ['TR135'], '9056': ['TR056'], '9307': ['TR307'], '9308': ['TR308'], '9319': ['TR319'], '9321': ['TR321'], '9322': ['TR322'], '9333': ['TR333'], '9338': ['TR338'], '9339': ['TR339'], '9340': ['TR340'], '9341': ['TR341'], '9346': ['TR346'], '9369': ['TR369'], '9384': ['TR384'], '9387': ['TR387'], '9388': ['TR388'], '9389': ['TR389'], '9390': ['TR390'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '305': { '0001': ['TR002', 'TR101', 'TR134'], '8848': ['TR135'], '9019': ['TR019'], '9056': ['TR056'], '9063': ['TR063'], '9071': ['TR071'], '9074': ['TR074'], '9326': ['TR326'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '307': { '0001': ['TR002', 'TR018', 'TR101', 'TR134'], '8848': ['TR135'], '9056': ['TR056'], '9063': ['TR063'], '9069': ['TR382'], '9074': ['TR074'], '9413': ['TR413'], '9414': ['TR414'], '9415': ['TR415'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '315': { '0001': ['TR002', 'TR101', 'TR134', 'TR383', 'TR386'], '8848': ['TR135'], '9056': ['TR056'], '9347': ['TR347'], '9374': ['TR374'], 'S300': ['TR378'], 'S329': ['TR381'] },
    '317': { '0001': ['TR101', 'TR352', 'TR353', 'TR380', 'TR410'], '8187': ['TR304'], '8848': ['TR135'], '9056': ['TR056'], '9347': ['TR347'], '9349': ['TR349'], '9350': ['TR350'], '9351': ['TR351'], '9357': ['TR357'], '9361': ['TR361'], '9373': ['TR373'], '9374': ['TR374'], '9375': ['TR375'], '9411': ['TR411'], '9412': ['TR412'], 'S300': ['TR378'], 'S329': ['TR381'] },
  },
}

/** The title of each rule named above, and of the rules on the gemeente's terms and on the start and stop (OP364), as the regelrapport words them (iJw; iWmo where only iWmo has the rule). */
export const regelTitels: Readonly<Record<string, string>> = {
  CD041: "Indien Code in Product gevuld is, verplicht vullen.",
  CD043: "Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten.",
  CD060: "Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C (credit) heeft, anders leeg laten.",
  CD066: "Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is gevuld, dan is Naamverwijzer leeg.",
  CD067: "Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg, dan is Naamverwijzer gevuld.",
  CD068: "Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is ZorgverlenerCode leeg.",
  CD075: "Verplicht vullen indien Budget gevuld is",
  CD076: "Verplicht vullen indien Frequentie waarde 2 (per week)",
  CD077: "Indien Budget gevuld is, dan leeg laten",
  CD078: "Indien Omvang gevuld is, dan leeg laten",
  CD079: "Indien Budget leeg is, dan verplicht vullen",
  CD087: "Als eenheid ongelijk is aan 83 (euro's) dan verplicht vullen, anders leeg laten.",
  CD095: "Indien Code in AangevraagdProduct leeg is en ToewijzingEinddatum van het AangevraagdProduct groter dan 31-12-2020 of leeg is, dan leeg laten",
  CD096: "Indien Code in NieuwProduct leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten",
  CS002: "De waarde moet voldoen aan de 11-proef.",
  CS003: "Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan de Begindatum (of Ingangsdatum) van de aangeduide periode.",
  CS058: "1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen.",
  CS100: "Vullen met een datum die groter dan of gelijk is aan 01-01-2021",
  CS139: "Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming moeten zijn.",
  CS325: "Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet).",
  CS337: "Einddatum in de ProductPeriode vullen met een datum die valt in dezelfde kalendermaand en jaar als de Begindatum van de ProductPeriode",
  CS338: "Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan 31-12-2020 of leeg is, dan Frequentie vullen met de waarde 2 , 4 of 6",
  CS339: "Indien Eenheid de waarde 83 (euro's) heeft, moet IngediendBedrag gelijk zijn aan GeleverdVolume.",
  CS340: "De periode is exact gelijk aan 1 hele kalendermaand",
  CS343: "Indien eenheid de waarde 14, 16, 83 of 84 heeft en ToewijzingEinddatum is groter dan 31-12-2020 of leeg, dan Frequentie vullen met waarde 2, 4 of 6",
  OP090: "Voor ieder ontvangen bericht wordt binnen drie werkdagen na ontvangst een retourbericht verzonden.",
  OP090x4: "Voor ieder ontvangen declaratiebericht wordt binnen 10 werkdagen na ontvangst een declaratie-antwoordbericht verzonden.",
  OP364: "Regieberichten worden niet voorwaardelijk gesteld aan declaratie",
  TR002: "Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij Geboortedatum onbekend is.",
  TR018: "Einddatum moet groter dan of gelijk zijn aan Begindatum.",
  TR019: "Bij een output- of inspanningsgerichte werkwijze moet de melding van de start of de stop van de ondersteuning gerelateerd zijn aan een toewijzing op basis van het ToewijzingNummer",
  TR056: "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
  TR063: "Indien StatusAanlevering de waarde 3 (aanlevering verwijderen) bevat, dan moet voor de betreffende Client een eerdere aanlevering met dezelfde logische sleutel verstuurd zijn.",
  TR071: "StatusAanlevering mag niet de waarde '3' bevatten als er voor de betreffende melding start zorg al een stop zorg is verstuurd.",
  TR074: "Indien StatusAanlevering de waarde '1' bevat, dan moet de sleutel van de betreffende aanlevering niet alleen uniek zijn binnen het bericht zelf, maar ook in combinatie met alle reeds ontvangen berichten.",
  TR101: "Binnen een bericht zijn dubbele regels niet toegestaan.",
  TR134: "Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht.",
  TR135: "Vullen met een bestaande datum die niet in de toekomst ligt.",
  TR137: "Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de aangeduide periode én die niet groter is dan de Dagtekening van het bericht.",
  TR304: "Bsn moet overeenkomen met Bsn van een Client.",
  TR307: "Begindatum in ProductPeriode in Prestatie moet groter dan of gelijk zijn aan Ingangsdatum in ToegewezenProduct.",
  TR308: "Einddatum in ProductPeriode in Prestatie moet kleiner dan of gelijk zijn aan Einddatum in ToegewezenProduct, indien die gevuld is.",
  TR314: "ReferentieNummer van de Prestatie moet uniek zijn voor de aanbieder binnen het wettelijk domein waarop de Prestatie betrekking heeft, zowel binnen één bericht als berichtoverstijgend.",
  TR315: "VorigReferentieNummer van de Prestatie moet uniek zijn in het bericht.",
  TR316: "Debetregels mogen niet in hetzelfde bericht gecrediteerd worden.",
  TR318: "Indien iedere DeclaratiePeriode zorg is geleverd, moet DeclaratiePeriode de kalendermaand volgend op voorgaande DeclaratiePeriode zijn.",
  TR319: "Een declaratiebericht bevat alleen prestaties waarvan de ProductPeriode valt binnen de huidige, of een voorgaande declaratieperiode.",
  TR321: "Indien in het ToegewezenProduct een Omvang is meegegeven, moet GeleverdVolume in de Prestatie passen binnen Volume in het ToegewezenProduct.",
  TR322: "Indien in het ToegewezenProduct een Omvang is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen de toegewezen Omvang.",
  TR323: "Een credit Prestatie moet gerelateerd zijn aan een eerder verzonden (goedgekeurde) debet Prestatie op basis van sleutelvelden.",
  TR326: "Een Startbericht mag pas verstuurd worden als er géén actueel Startbericht bij ToegewezenProduct is.",
  TR333: "DeclaratieNummer van de Declaratie moet uniek zijn voor de aanbieder binnen het wettelijk domein waarop de Declaratie betrekking heeft.",
  TR335: "Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen.",
  TR338: "De Prestatie is gerelateerd aan een ToegewezenProduct op basis van het Toewijzingnummer.",
  TR339: "ProductCategorie in Prestatie moet gelijk zijn aan ProductCategorie in het ToegewezenProduct indien deze opgenomen is.",
  TR340: "ProductCode in Prestatie moet gelijk zijn aan ProductCode in het ToegewezenProduct, indien deze opgenomen is.",
  TR341: "Eenheid in Prestatie moet passen bij Eenheid in het ToegewezenProduct.",
  TR346: "Indien Eenheid ongelijk is aan waarde 83 (Euro’s), moet IngediendBedrag gelijk zijn aan GeleverdVolume vermenigvuldigd met ProductTarief",
  TR347: "ReferentieAanbieder is uniek voor de aanbieder binnen het wettelijk domein",
  TR349: "Het verzoek om wijziging bericht bevat alle actuele ToegewezenProducten van de client",
  TR350: "Ieder OngewijzigdProduct in een verzoek om wijziging bericht is gerelateerd aan een actueel toegewezen product op basis van het ToewijzingNummer.",
  TR351: "Ieder TeWijzigenProduct in een verzoek om wijziging is gerelateerd aan een actueel ToegewezenProduct op basis van ToewijzingNummer.",
  TR352: "Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct voor.",
  TR353: "Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor.",
  TR357: "Als GewensteIngangsdatum kleiner dan of gelijk is aan de dagtekening, dan is GewensteIngangsdatum gelijk aan ingangsdatum van het originele ToegewezenProduct.",
  TR358: "De waarde van TotaalBedrag in TotaalIngediendBedrag moet gelijk zijn aan de SOM van de waarden van Bedrag in Ingediendbedrag in alle onderliggende Prestaties, rekening houdend met indicatie debet/credit.",
  TR361: "Een Product mag alleen vaker in verzoek om wijziging voorkomen als de zorgperiodes elkaar niet overlappen",
  TR369: "Indien in het ToegewezenProduct een Budget is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen het toegewezen Budget.",
  TR373: "Indien in een TeWijzigenProduct het Budget of het totaal over toewijzingsperiode wordt gewijzigd, dient GewensteIngangsdatum gelijk te zijn aan de actuele toewijzing",
  TR374: "Een verzoek mag alleen worden verstuurd als er geen onderhanden verzoek is voor de betreffende client van dezelfde aanbieder.",
  TR375: "Indien Product in de toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten.",
  TR378: "Vullen met een bestaande gemeentecode uit het overzicht van CBS dat actueel is op Ingangsdatum of ToewijzingIngangsdatum.",
  TR380: "Vullen met een datum die groter is dan de dagtekening van het bericht.",
  TR381: "ProductCode vullen met een code die, volgens de gehanteerde productcodelijst, past bij de ProductCategorie.",
  TR382: "De sleutelelementen uit het startbericht moeten in het stopbericht, waarin wordt aangegeven dat de betreffende levering (tijdelijk) beeindigd wordt, ongewijzigd worden overgenomen.",
  TR383: "ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht",
  TR384: "Het is niet toegestaan te declareren op een toewijzing met RedenWijziging waarde \"13\" (Verwijderd)",
  TR386: "Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de zorgperiodes elkaar niet overlappen",
  TR387: "De Begindatum van een ProductPeriode is altijd de eerste dag van de kalendermaand waarop de ProductPeriode betrekking heeft tenzij de Ingangsdatum van de toewijzing later in de betreffende maand ligt",
  TR388: "De Einddatum van een ProductPeriode is altijd de laatste dag van de kalendermaand waarop de ProductPeriode betrekking heeft tenzij de Einddatum van de toewijzing eerder in de betreffende maand ligt",
  TR389: "Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al eerder een debetprestatie is verzonden.",
  TR390: "DebetCredit mag alleen waarde Credit hebben indien voor Prestatie met gelijk ProductReferentie niet een Prestatie met Credit bestaat",
  TR410: "Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de zorgperiodes elkaar niet overlappen.",
  TR411: "Indien Code in Product bij de toewijzing met ToewijzingNummer gevuld is, dan Omvang verplicht vullen",
  TR412: "Indien Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is, dan leeg laten",
  TR413: "Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer, Begindatum en met RedenBeeindiging waarde 20 is, dan moet RedenBeeindiging <> aan waarde 20 zijn, indien StatusAanlevering waarde 1 of 2 heeft.",
  TR414: "Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer en Begindatum is, dan moet Einddatum >= zijn aan Einddatum uit actuele StopProduct.",
  TR415: "Er mag geen StopProduct zijn met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20, indien StatusAanlevering waarde 1 of 2 heeft",
  TR416: "Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al een Prestatie met waarde Debet is.",
  TR418: "ProductTarief in Prestatie dient overeen te komen met het contractuele tarief van ProductCode.",
}

/**
 * OP364: a prestatie may not be rejected on the start or stop date of a start or stop message,
 * nor because one is missing. A 323 rejected with a code that only the rules for the 305 and
 * 307 give (no rule for the 323) is rejected on the start and stop messages.
 */
export const regieCodes: ReadonlySet<string> = new Set(Object.keys({ ...standaardCodes.ijw['305'], ...standaardCodes.ijw['307'] }).filter((code) => !(code in standaardCodes.ijw['323'])))
