/**
 * Domain errors with stable codes. Rules throw these; the HTTP layer (src/http/errors.ts)
 * and the CLI (src/cli/main.ts) map them to a status or exit code in one place each.
 *
 * Every error has a `reason`: a stable code for one domain error (`toewijzing.not_active`),
 * and through the `reasons` table below its HTTP class (`code`) and a Dutch description.
 * Clients (the web app's Dutch messages, tests) key on the reason, never on the message text.
 * Scheme (docs/decisions/0016-error-reasons.md): `<concept>.<what_went_wrong>`, lower
 * snake case, in English with the Dutch terms of art of docs/glossary.md (toewijzing,
 * declaratie, gezag, steekproef, …), the concept being the domain thing the error is about.
 */
export const errorCodes = {
  /** Input failed a schema or a domain rule (a wrong BSN, an overlapping period, …). */
  invalid_input: 422,
  /** The thing asked for does not exist, or the actor may not know it exists. */
  not_found: 404,
  /** A unique fact already exists (an AGB code, a username, …), or the state forbids the step. */
  conflict: 409,
  /** Not logged in, or the session ended. */
  unauthenticated: 401,
  /** Logged in, but the role or scope does not allow this. */
  forbidden: 403,
  /** Too many attempts (login rate limit). */
  rate_limited: 429,
  /** The request's body is larger than the route takes; it was not read. */
  too_large: 413,
  /** Configuration or environment is wrong (bad env value, unreachable database, …). */
  configuration: 500,
  /** A request Hono's own middleware refused (unreadable JSON); the status is the middleware's. */
  http_error: 400,
  /** Something unexpected; the body says no more, the log says what. */
  internal: 500,
  /** The database is away for a moment (PostgreSQL stopped or restarting); try again after Retry-After. */
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorCodes

interface ReasonEntry {
  code: ErrorCode
  /** What happened, in Dutch, for the people who write the web app's messages. */
  beschrijving: string
}

/**
 * Every reason an error can carry, its HTTP class and what it means. The one table: a test
 * (errors.test.ts) checks that every reason used in src/ is here and every one here is used.
 */
export const reasons = {
  // Invoer en bestanden
  'input.invalid': { code: 'invalid_input', beschrijving: 'De invoer voldoet niet aan het schema (een veld ontbreekt, heeft de verkeerde vorm of valt buiten het bereik); details noemen de velden.' },
  'import.unreadable': { code: 'invalid_input', beschrijving: 'Het bestand is geen leesbare XLSX-werkmap.' },
  'import.too_large': { code: 'invalid_input', beschrijving: 'Het XLSX-bestand is uitgepakt te groot of bestaat uit te veel delen; als CSV inlezen of het bestand splitsen.' },
  'import.empty': { code: 'invalid_input', beschrijving: 'Het bestand bevat geen kopregel met ten minste één regel daaronder.' },
  'import.columns_missing': { code: 'invalid_input', beschrijving: 'De kopregel mist verplichte kolommen.' },
  'import.row_invalid': { code: 'invalid_input', beschrijving: 'Een regel van een import is afgekeurd; de hele import is geweigerd en details noemen regel en kolom.' },
  'period.reversed': { code: 'invalid_input', beschrijving: 'Het begin van de periode (van) ligt na het einde (tot).' },
  'period.after_peildatum': { code: 'invalid_input', beschrijving: 'De gevraagde periode ligt geheel na de peildatum.' },

  // Inloggen, sessie en rechten
  'login.failed': { code: 'unauthenticated', beschrijving: 'Gebruikersnaam of wachtwoord klopt niet.' },
  'login.rate_limited': { code: 'rate_limited', beschrijving: 'Te veel mislukte inlogpogingen; later opnieuw proberen.' },
  'session.missing': { code: 'unauthenticated', beschrijving: 'Niet ingelogd, of de sessie is verlopen.' },
  'session.csrf_invalid': { code: 'forbidden', beschrijving: 'De CSRF-token van de sessie ontbreekt in de kop X-CSRF-Token of klopt niet.' },
  'role.not_permitted': { code: 'forbidden', beschrijving: 'De rol van de gebruiker mag deze handeling niet doen.' },
  'route.not_found': { code: 'not_found', beschrijving: 'Er is geen API-route met deze methode en dit pad.' },
  'http.cross_origin': { code: 'forbidden', beschrijving: 'Een formulierverzoek van een andere herkomst (Origin) is geweigerd.' },
  'http.too_large': { code: 'too_large', beschrijving: 'Het verzoek is groter dan de route aanneemt en is niet gelezen.' },
  'audit.export_too_large': { code: 'invalid_input', beschrijving: 'Er vallen te veel auditregels binnen het filter voor één export; kies een kortere periode of een gemeente, gebruiker of cliënt.' },
  'http.refused': { code: 'http_error', beschrijving: 'Het verzoek is onleesbaar (bijvoorbeeld geen geldige JSON) en door de webserver geweigerd.' },

  // Regio, aanbieders, contracten, producten
  'segment.not_found': { code: 'not_found', beschrijving: 'Het segment bestaat niet (of is niet zichtbaar).' },
  'segment.unknown': { code: 'invalid_input', beschrijving: 'De invoer noemt een segment dat in deze regio niet bestaat.' },
  'provider.not_found': { code: 'not_found', beschrijving: 'De aanbieder bestaat niet (of is niet zichtbaar).' },
  'provider.agb_taken': { code: 'conflict', beschrijving: 'Er is in de regio al een aanbieder met deze AGB-code.' },
  'combination.lead_is_member': { code: 'invalid_input', beschrijving: 'De hoofdaannemer van een combinatie staat ook als onderaannemer vermeld.' },
  'combination.member_twice': { code: 'invalid_input', beschrijving: 'Een onderaannemer staat twee keer in de combinatie.' },
  'contract.not_found': { code: 'not_found', beschrijving: 'De raamovereenkomst bestaat niet (of is niet zichtbaar).' },
  'contract.ended': { code: 'invalid_input', beschrijving: 'De raamovereenkomst is afgelopen en kan niet meer verlengd worden.' },
  'contract.extension_unknown': { code: 'invalid_input', beschrijving: 'De raamovereenkomst heeft deze verlengingsoptie niet.' },
  'contract.extension_decided': { code: 'conflict', beschrijving: 'Over deze verlengingsoptie is al besloten.' },
  'contract.extension_out_of_order': { code: 'invalid_input', beschrijving: 'Een eerdere verlengingsoptie moet eerst gelicht zijn.' },
  'lot.not_found': { code: 'not_found', beschrijving: 'Het perceel bestaat niet (of is niet zichtbaar).' },
  'award.outside_contract': { code: 'invalid_input', beschrijving: 'De gunning valt buiten de looptijd van de raamovereenkomst.' },
  'award.overlap': { code: 'invalid_input', beschrijving: 'De aanbieder is voor dit perceel al gegund in een overlappende periode.' },
  'preferred_supplier.overlap': { code: 'invalid_input', beschrijving: 'De wijk heeft voor dit segment al een preferente aanbieder in een overlappende periode.' },
  'product.invalid': { code: 'invalid_input', beschrijving: 'Het product past niet bij zijn segment (wet, uitvoeringsvariant of eenheid); details noemen de velden.' },
  'product.unknown': { code: 'invalid_input', beschrijving: 'De invoer noemt een product dat in deze regio niet bestaat.' },
  'product.not_in_catalogue': { code: 'invalid_input', beschrijving: 'Het gevraagde product staat niet in de productlijst van de regio.' },
  'product.code_taken': { code: 'conflict', beschrijving: 'Deze productcategorie en productcode bestaan al voor deze wet.' },
  'segment.code_taken': { code: 'conflict', beschrijving: 'Er is in de regio al een segment met deze code.' },
  'gemeente.already_member': { code: 'conflict', beschrijving: 'De gemeente hoort al bij de regio.' },
  'tariff.overlap': { code: 'invalid_input', beschrijving: 'Het product heeft al een tarief in een overlappende periode.' },
  'user.username_taken': { code: 'conflict', beschrijving: 'Deze gebruikersnaam is al in gebruik.' },

  // Cliënten en gezag
  'client.not_found': { code: 'not_found', beschrijving: 'De cliënt bestaat niet, of hoort niet bij de gemeente van de gebruiker.' },
  'client.bsn_taken': { code: 'conflict', beschrijving: 'De gemeente heeft al een cliënt met dit BSN (een andere gemeente van de regio telt niet mee: wie verhuist, wordt bij de nieuwe gemeente opnieuw ingeschreven).' },
  'client.gemeente_required': { code: 'invalid_input', beschrijving: 'De verantwoordelijke gemeente van de cliënt ontbreekt.' },
  'client.other_gemeente': { code: 'forbidden', beschrijving: 'Een lokaal team registreert alleen inwoners van de eigen gemeente.' },
  'client.birth_date_future': { code: 'invalid_input', beschrijving: 'De geboortedatum ligt in de toekomst.' },
  'client.family_name_missing': { code: 'invalid_input', beschrijving: 'De achternaam van de cliënt ontbreekt; het toewijzingsbericht (301) heeft haar nodig.' },
  'client.address_missing': { code: 'invalid_input', beschrijving: 'Postcode en huisnummer (BRP) van de cliënt ontbreken; het 301-bericht heeft ze nodig (CD034).' },
  'gezag.client_too_young': { code: 'invalid_input', beschrijving: 'Het gezag kan pas vanaf 16 jaar bij de jeugdige zelf liggen (OP001).' },
  'gezag.relation_unknown': { code: 'invalid_input', beschrijving: 'De cliënt heeft geen relatie met dit nummer (OP071).' },

  // Toegang, beschikkingen en toewijzingen
  'toegang.refused': { code: 'invalid_input', beschrijving: 'Een toegangsregel (TG-*) weigert de toewijzing; details[].rule noemt de regels.' },
  'toegang.exception_required': { code: 'invalid_input', beschrijving: 'Zorg buiten de contracten kan alleen als uitzondering ("nee, tenzij") met een reden; details[].rule noemt de regels.' },
  'toegang.no_tariff': { code: 'invalid_input', beschrijving: 'Het product heeft geen tarief, dus de verplichting is niet te bepalen (TG-TARIEF).' },
  'beschikking.other_client': { code: 'invalid_input', beschrijving: 'De beschikking hoort niet bij deze cliënt.' },
  'beschikking.missing': { code: 'invalid_input', beschrijving: 'De cliënt heeft geen beschikking voor deze wet.' },
  'toewijzing.not_found': { code: 'not_found', beschrijving: 'De toewijzing bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'toewijzing.not_awaiting_approval': { code: 'conflict', beschrijving: 'De toewijzing wacht niet (meer) op akkoord voor een uitzondering.' },
  'toewijzing.approver_is_requester': { code: 'forbidden', beschrijving: 'Een uitzondering wordt beoordeeld door een tweede persoon, niet door wie haar aanvroeg.' },
  'toewijzing.not_active': { code: 'conflict', beschrijving: 'De toewijzing is niet actief en kan niet gewijzigd worden.' },
  'toewijzing.withdrawn': { code: 'conflict', beschrijving: 'De toewijzing is ingetrokken (RedenWijziging 13).' },
  'toewijzing.delete_after_start': { code: 'conflict', beschrijving: 'Verwijderen (RedenWijziging 13) kan niet: de aanbieder meldde de start; verkort de toewijzing (05).' },
  'toewijzing.delete_after_declaratie': { code: 'conflict', beschrijving: 'Verwijderen (RedenWijziging 13) kan niet: er zijn goedgekeurde declaratieregels (retourcode 9385); verkort de toewijzing (05).' },
  'toewijzing.verlenging_not_later': { code: 'invalid_input', beschrijving: 'Een verlenging (04) moet de einddatum later leggen.' },
  'toewijzing.verkorting_not_earlier': { code: 'invalid_input', beschrijving: 'Een verkorting (05) moet de einddatum eerder leggen.' },
  'toewijzing.no_volume': { code: 'invalid_input', beschrijving: 'De toewijzing heeft een budget, geen omvang (IV066).' },
  'toewijzing.change_refused': { code: 'invalid_input', beschrijving: 'Een regel weigert de wijziging van de toewijzing; details[].rule noemt de regels.' },
  'toewijzing.message_unwritable': { code: 'invalid_input', beschrijving: 'Het 301-bericht kan niet geschreven worden; details[].rule noemt de regel uit de iStandaard.' },
  'pgb.refused': { code: 'conflict', beschrijving: 'Een pgb kan niet toegekend worden naast een lopende toewijzing in dezelfde periode (OP043); details[].rule noemt de regel.' },

  // Verzoeken en berichten
  'request.not_found': { code: 'not_found', beschrijving: 'Het verzoek (315/317) bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'request.wrong_kind': { code: 'invalid_input', beschrijving: 'Het verzoek is van een andere soort dan de handeling vraagt.' },
  'request.already_answered': { code: 'conflict', beschrijving: 'Het verzoek is al beantwoord.' },
  'request.already_in_onderzoek': { code: 'conflict', beschrijving: 'Het verzoek is al beantwoord met "in onderzoek".' },
  'request.answer_invalid': { code: 'invalid_input', beschrijving: 'Het antwoord op het verzoek breekt een regel van de iStandaard; details[].rule noemt de regels.' },
  'request.client_unknown': { code: 'invalid_input', beschrijving: 'De cliënt van het verzoek is bij deze gemeente niet bekend; wijs het verzoek af.' },
  'message.not_found': { code: 'not_found', beschrijving: 'Het bericht bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'message.archived': { code: 'not_found', beschrijving: 'Van dit grote bericht zijn de declaratieregels bewaard, niet de bytes.' },
  'message.empty': { code: 'invalid_input', beschrijving: 'Het verzoek bevat geen XML van een bericht.' },
  'message.too_large': { code: 'too_large', beschrijving: 'Het bericht is te groot voor de upload; lees het in met de CLI.' },
  'message.upload_not_permitted': { code: 'forbidden', beschrijving: 'Alleen een aanbieder, of een gebruiker van een gemeente voor de eigen gemeente, mag een bericht uploaden.' },
  'message.sent_by_gemeente': { code: 'invalid_input', beschrijving: 'Dit berichttype verstuurt een gemeente; Koers ontvangt alleen berichten van aanbieders.' },
  'message.sender_unknown': { code: 'invalid_input', beschrijving: 'De afzender van het bericht is geen aanbieder in deze regio; het bericht is niet opgeslagen.' },
  'message.sender_not_you': { code: 'forbidden', beschrijving: 'Het bericht komt van een andere aanbieder dan de organisatie van de gebruiker.' },
  'message.addressee_not_you': { code: 'forbidden', beschrijving: 'Het bericht is gericht aan een andere gemeente dan die van de gebruiker.' },
  'message.personal_data': { code: 'forbidden', beschrijving: 'Het bericht noemt een cliënt (BSN, naam, geboortedatum); de XML is alleen voor rollen die persoonsgegevens mogen inzien (lokaal team, de aanbieder zelf, toezichthouder).' },
  'message.export_too_large': { code: 'invalid_input', beschrijving: 'Er vallen te veel berichten binnen de zoekopdracht voor één export; kies een kortere periode, een berichttype of een aanbieder.' },
  'message.not_outgoing': { code: 'conflict', beschrijving: 'Alleen een bericht dat de gemeente aan de aanbieder stuurde kan als opgehaald gemarkeerd worden.' },

  // Declaraties, betalingen en rechtmatigheid
  'declaratie.not_found': { code: 'not_found', beschrijving: 'De declaratie bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'declaratie.wrong_message': { code: 'invalid_input', beschrijving: 'Het bericht is geen declaratie (323).' },
  'declaratie.too_many_lines': { code: 'invalid_input', beschrijving: 'De declaratie heeft meer prestaties dan Koers in één bericht aanneemt; splits haar.' },
  'payment.gemeente_required': { code: 'invalid_input', beschrijving: 'Een regionale gebruiker noemt de gemeente waarvoor de betaling geldt.' },
  'payment.other_gemeente': { code: 'forbidden', beschrijving: 'Een gemeente legt alleen haar eigen betalingen vast.' },
  'payment.segment_not_taakgericht': { code: 'invalid_input', beschrijving: 'Het segment heeft geen taakgericht product; de realisatie komt uit declaraties.' },
  'payment.provider_not_contracted': { code: 'invalid_input', beschrijving: 'De aanbieder heeft in dit segment geen contract.' },
  'steekproef.gemeente_only': { code: 'forbidden', beschrijving: 'Een gemeente trekt een steekproef alleen uit haar eigen declaraties.' },
  'steekproef.gemeente_required': { code: 'invalid_input', beschrijving: 'Een regionale gebruiker (de toezichthouder) noemt de gemeente uit wier declaraties de steekproef getrokken wordt.' },
  'steekproef.population_empty': { code: 'invalid_input', beschrijving: 'Er zijn in deze maanden geen goedgekeurde regels om uit te trekken.' },
  'steekproef.not_found': { code: 'not_found', beschrijving: 'De steekproef bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'steekproef.line_not_found': { code: 'not_found', beschrijving: 'De regel hoort niet bij deze steekproef.' },
  'steekproef.error_exceeds_line': { code: 'invalid_input', beschrijving: 'Het foutbedrag is groter dan het bedrag van de regel.' },

  // Huisstijl van de regio
  'huisstijl.contrast_too_low': { code: 'invalid_input', beschrijving: 'Een kleur van de huisstijl heeft met wit minder contrast dan 4,5:1 (WCAG 1.4.3); witte tekst erop is slecht leesbaar. Details noemen de kleur en haar contrast.' },
  'huisstijl.logo_too_large': { code: 'invalid_input', beschrijving: 'Het logo is groter dan 64 kB.' },

  // Budgetten, signalen, doelen en uitkomsten
  'budget.other_gemeente': { code: 'forbidden', beschrijving: 'Een gemeente stelt alleen haar eigen budget vast.' },
  'budget.set_in_periods': { code: 'conflict', beschrijving: 'Het jaarbudget van deze sleutel is in perioden vastgelegd; wijzig die perioden.' },
  'budget.overlap': { code: 'invalid_input', beschrijving: 'Er is al een budget voor dezelfde sleutel in een overlappende periode.' },
  'scenario.not_found': { code: 'not_found', beschrijving: 'Het scenario bestaat niet (of is niet zichtbaar).' },
  'scenario.start_in_past': { code: 'invalid_input', beschrijving: 'Een scenario begint na de maand van de peildatum: kies een latere startdatum.' },
  'voorliggend.not_found': { code: 'not_found', beschrijving: 'De budgetregel van het voorliggend veld bestaat niet (of is niet zichtbaar).' },
  'signal.not_found': { code: 'not_found', beschrijving: 'Het budgetsignaal bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'signal.regional': { code: 'forbidden', beschrijving: 'Een regionaal budgetsignaal wordt door de regio opgevolgd.' },
  'signal.out_of_scope': { code: 'forbidden', beschrijving: 'Niet alle gekozen signalen zijn van de gebruiker om te erkennen (een andere gemeente, een regionaal signaal, of een signaal dat niet bestaat); er is niets erkend.' },
  'signal.not_open': { code: 'conflict', beschrijving: 'Alleen een open signaal kan erkend worden.' },
  'signal.not_acknowledged': { code: 'conflict', beschrijving: 'Een signaal wordt eerst erkend en dan gesloten.' },
  'signal.owner_invalid': { code: 'invalid_input', beschrijving: 'De eigenaar is geen lid van het regioteam of van deze gemeente.' },
  'bestedingsruimte.not_found': { code: 'not_found', beschrijving: 'De bestedingsruimte of haar melding bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'bestedingsruimte.taakgericht': { code: 'invalid_input', beschrijving: 'Een bestedingsruimte geldt alleen bij inspanningsgerichte of outputgerichte uitvoering (art. 1.5.1); dit segment is alleen taakgericht.' },
  'bestedingsruimte.geen_signaal': { code: 'conflict', beschrijving: 'Er is niets te melden: minder dan 70 % van de bestedingsruimte is benut en de prognose blijft binnen de ruimte (art. 1.5.7).' },
  'bestedingsruimte.al_gemeld': { code: 'conflict', beschrijving: 'De schriftelijke melding voor deze bestedingsruimte is al verstuurd.' },
  'bestedingsruimte.overleg_eerst': { code: 'conflict', beschrijving: 'Eerst wordt het overleg vastgelegd, dan het besluit (art. 1.5.7).' },
  'bestedingsruimte.al_besloten': { code: 'conflict', beschrijving: 'Over deze melding is al besloten.' },
  'clientenstop.not_found': { code: 'not_found', beschrijving: 'De cliëntenstop bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'clientenstop.al_opgeheven': { code: 'conflict', beschrijving: 'De cliëntenstop is al opgeheven.' },
  'integriteit.provider_not_found': { code: 'not_found', beschrijving: 'De aanbieder bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'integriteit.not_own': { code: 'forbidden', beschrijving: 'Een aanbieder vult alleen zijn eigen integriteitsregister en jaarverantwoording in.' },
  'integriteit.kind_reserved': { code: 'forbidden', beschrijving: 'Deze registratie (Bibob of toelatingstoets) legt alleen de regio of de toezichthouder vast.' },
  'integriteit.entry_invalid': { code: 'invalid_input', beschrijving: 'De gegevens zijn onvolledig of spreken elkaar tegen; het veld staat erbij.' },
  'integriteit.signal_not_found': { code: 'not_found', beschrijving: 'Het integriteitssignaal bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'integriteit.owner_invalid': { code: 'invalid_input', beschrijving: 'De eigenaar is geen lid van het regioteam of toezichthouder.' },
  'onderzoek.not_found': { code: 'not_found', beschrijving: 'Het rechtmatigheidsonderzoek bestaat niet, of is niet zichtbaar voor de gebruiker.' },
  'onderzoek.closed': { code: 'conflict', beschrijving: 'Het onderzoek is afgerond; er komen geen stappen meer bij.' },
  'onderzoek.cause_invalid': { code: 'invalid_input', beschrijving: 'Een onderzoek begint bij een integriteitssignaal of een steekproefbevinding van dezelfde aanbieder.' },
  'onderzoek.declaratie_invalid': { code: 'invalid_input', beschrijving: 'Een gekoppelde declaratie bestaat niet of is niet van deze aanbieder.' },
  'target.not_found': { code: 'not_found', beschrijving: 'Het strategiedoel bestaat niet (of is niet zichtbaar).' },
  'target.baseline_not_ended': { code: 'invalid_input', beschrijving: 'De basisperiode is nog niet voorbij; geef de basiswaarde op.' },
  'target.baseline_suppressed': { code: 'invalid_input', beschrijving: 'De basiswaarde rust op minder dan 5 cliënten; kies een langere periode of geef de waarde op.' },
  'target.baseline_incomplete': { code: 'invalid_input', beschrijving: 'In een deel van de basisperiode is niets gerealiseerd; kies een periode met volledige cijfers of geef de basiswaarde op.' },
  'target.baseline_missing': { code: 'invalid_input', beschrijving: 'De KPI heeft over de basisperiode geen waarde; geef de basiswaarde op.' },
  'target.equals_baseline': { code: 'invalid_input', beschrijving: 'De doelwaarde is gelijk aan de basiswaarde en vraagt geen verandering.' },
  'target.contradicts_direction': { code: 'invalid_input', beschrijving: 'De doelwaarde past niet bij de richting (omhoog of omlaag).' },
  'account.holder_not_region': { code: 'invalid_input', beschrijving: 'Een accounthouder moet een gebruiker van het regioteam zijn.' },
  'conversation.not_found': { code: 'not_found', beschrijving: 'Het accountgesprek bestaat niet (of is niet zichtbaar).' },
  'conversation.already_held': { code: 'conflict', beschrijving: 'Het accountgesprek is al vastgelegd.' },
  'conversation.held_in_future': { code: 'invalid_input', beschrijving: 'Een gesprek wordt vastgelegd nadat het is gehouden; de datum ligt na vandaag.' },
  'conversation.held_before_period': { code: 'invalid_input', beschrijving: 'De gespreksdatum ligt vóór het begin van de periode die het gesprek bespreekt.' },
  'agreement.not_found': { code: 'not_found', beschrijving: 'De afspraak bestaat niet (of is niet zichtbaar).' },
  'agreement.closed': { code: 'conflict', beschrijving: 'De afspraak is al gesloten.' },
  'agreement.note_required': { code: 'invalid_input', beschrijving: 'Een afspraak sluiten of een deel ervan gereed melden kan alleen met een toelichting.' },
  'agreement.not_providers_part': { code: 'conflict', beschrijving: 'Deze afspraak voert het regioteam uit; de aanbieder heeft er geen deel in om gereed te melden.' },
  'agreement.signal_unknown': { code: 'invalid_input', beschrijving: 'Het signaal waar de afspraak bij hoort bestaat niet of gaat niet over deze aanbieder.' },
  'scorecard.other_provider': { code: 'forbidden', beschrijving: 'Een aanbieder ziet alleen zijn eigen scorekaart.' },
  'outcome.role_not_permitted': { code: 'forbidden', beschrijving: 'Deze rol legt geen uitkomstmetingen vast.' },
  'outcome.care_not_begun': { code: 'invalid_input', beschrijving: 'De zorg van de toewijzing is nog niet begonnen; er valt nog niets te meten.' },
  'outcome.invalid': { code: 'invalid_input', beschrijving: 'De uitkomstmeting is onvolledig of tegenstrijdig; details noemen de velden.' },
  'outcome.recorded_by_other': { code: 'conflict', beschrijving: 'Deze meting is door de andere partij (lokaal team of aanbieder) vastgelegd; die corrigeert haar.' },

  // Database-regels zonder eigen reden
  'database.overlap': { code: 'invalid_input', beschrijving: 'De database weigert een overlappende periode.' },
  'database.duplicate': { code: 'conflict', beschrijving: 'Dit bestaat al (unieke sleutel in de database).' },
  'database.check_failed': { code: 'invalid_input', beschrijving: 'De database weigert een waarde (controleregel).' },
  'database.reference_missing': { code: 'invalid_input', beschrijving: 'De invoer verwijst naar iets dat in deze regio niet bestaat.' },
  'database.scope_refused': { code: 'forbidden', beschrijving: 'De database (row-level security) weigert dit voor de rol en het bereik van de gebruiker.' },

  // Omgeving en beheer
  'config.invalid': { code: 'configuration', beschrijving: 'Een omgevingsvariabele heeft een ongeldige waarde.' },
  'server.port_in_use': { code: 'configuration', beschrijving: 'De poort is al in gebruik.' },
  'server.port_not_permitted': { code: 'configuration', beschrijving: 'Geen toestemming om op deze poort te luisteren.' },
  'server.host_unknown': { code: 'configuration', beschrijving: 'HOST is geen adres van deze machine.' },
  'server.unexpected': { code: 'internal', beschrijving: 'Er ging iets onverwachts mis; het log zegt wat.' },
  'database.unreachable': { code: 'configuration', beschrijving: 'De PostgreSQL-server is niet bereikbaar.' },
  'database.embedded_unavailable': { code: 'configuration', beschrijving: 'De ingebouwde database (PGlite) kan niet geopend worden.' },
  'database.data_dir_unwritable': { code: 'configuration', beschrijving: 'KOERS_DATA_DIR is geen schrijfbare map.' },
  'database.migration_failed': { code: 'configuration', beschrijving: 'Een databasemigratie is mislukt.' },
  'database.unavailable': { code: 'unavailable', beschrijving: 'De database is even niet bereikbaar; het antwoord zegt met Retry-After wanneer opnieuw te proberen.' },
  'database.busy': { code: 'unavailable', beschrijving: 'Alle databaseverbindingen bleven bezet zolang een verzoek mocht wachten (KOERS_DB_POOL_WAIT_MS); het antwoord zegt met Retry-After wanneer opnieuw te proberen.' },
  'database.statement_timeout': { code: 'unavailable', beschrijving: 'Een databasevraag liep langer dan KOERS_DB_STATEMENT_TIMEOUT_MS en is afgebroken.' },
  'request.abandoned': { code: 'unavailable', beschrijving: 'De aanvrager wachtte niet meer op het antwoord (verbinding verbroken); het werk is niet (verder) gedaan.' },
  'database.demo_unfinished': { code: 'configuration', beschrijving: 'De gegevensmap bevat een demo die niet af is (de eerste koers start werd onderbroken); koers start maakt de map leeg en bouwt de demo opnieuw.' },
  'database.upgrade_nothing': { code: 'invalid_input', beschrijving: 'De gegevensmap bevat geen ingebouwde database om over te zetten.' },
  'database.upgrade_unknown_version': { code: 'configuration', beschrijving: 'De ingebouwde database is geschreven door een PostgreSQL-versie die deze Koers niet kan overzetten.' },
  'database.upgrade_from_newer': { code: 'configuration', beschrijving: 'De oude database heeft migraties die deze Koers niet kent: zet hem over met de Koers die hem schreef, of een nieuwere.' },
  'database.upgrade_failed': { code: 'configuration', beschrijving: 'Het overzetten van de ingebouwde database naar de nieuwe PostgreSQL-versie is mislukt; de oude map is ongewijzigd.' },
  'database.data_dir_in_use': { code: 'configuration', beschrijving: 'De gegevensmap van PGlite is in gebruik door een ander Koers-proces (koers.lock): één proces per map.' },
  'backup.tool_missing': { code: 'configuration', beschrijving: 'De programma’s pg_dump of pg_restore zijn niet te starten: de PostgreSQL-clientprogramma’s ontbreken.' },
  'backup.failed': { code: 'configuration', beschrijving: 'De backup of het terugzetten is mislukt; bij terugzetten is er niets veranderd.' },
  'backup.file_missing': { code: 'invalid_input', beschrijving: 'Het backupbestand bestaat niet.' },
  'backup.target_not_empty': { code: 'conflict', beschrijving: 'Een backup wordt alleen teruggezet in een lege gegevensmap of lege database.' },
  'archief.region_answers': { code: 'conflict', beschrijving: 'De regio beantwoordt de berichten zelf; zet haar eerst in waarnemersmodus om een archief van berichten in te lezen.' },
  'archief.unreadable': { code: 'invalid_input', beschrijving: 'Het archief is niet te lezen (geen map, XML- of zipbestand, of een beschadigd zipbestand).' },
  'demo.region_exists': { code: 'conflict', beschrijving: 'De demoregio bestaat al; de demo wordt één keer per database opgebouwd.' },
} as const satisfies Record<string, ReasonEntry>

export type Reason = keyof typeof reasons

export interface ErrorDetail {
  /** The field or path the problem is about, e.g. `agbCode` or `tariffs[2].validFrom`. */
  path?: string
  message: string
  /** The rule or retourcode the problem rests on (`TG-GEGUND`, `OP043`, `IV066`, `9385`), as data. */
  rule?: string
  /** The field as the user knows it ("BSN", "maand van"); set by the HTTP layer (src/shared/meldingen.ts). */
  veld?: string
  /** The problem in Dutch for the user; set by the HTTP layer, or by a rule that already speaks Dutch. */
  melding?: string
}

export class AppError extends Error {
  override readonly name = 'AppError'
  /** The HTTP class, from the reason (one table): `invalid_input`, `not_found`, … */
  readonly code: ErrorCode
  constructor(
    readonly reason: Reason,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
    this.code = reasons[reason].code
  }
}

export const invalid = (reason: Reason, message: string, path?: string): AppError =>
  new AppError(reason, message, path ? [{ path, message }] : [])

export const notFound = (reason: Reason, what: string): AppError => new AppError(reason, `${what} not found`)

export const forbidden = (reason: Reason = 'role.not_permitted', message = 'Your role or scope does not allow this'): AppError =>
  new AppError(reason, message)
