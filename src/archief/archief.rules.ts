/**
 * Why a message of an archive was not applied, or was applied with a finding: stable reason
 * codes (for the table, the API and tests) with a Dutch text per occurrence (for the people
 * reading the summary). Nothing of an archive is dropped silently (issue 23 §2).
 */
export const redenen = {
  onleesbaar: 'geen leesbaar iJw/iWmo 3.2-bericht',
  gemeente_onbekend: 'de gemeente is geen gemeente van deze regio',
  aanbieder_onbekend: 'de aanbieder is geen aanbieder in deze regio',
  geweigerd: 'het bericht is geweigerd',
  dubbele_identificatie: 'dezelfde identificatie, andere inhoud',
  product_onbekend: 'het product staat niet in de productcatalogus',
  toewijzing_van_ander: 'het toewijzingsnummer hoort bij een andere cliënt of aanbieder',
  geen_verzoek: 'geen verzoek (315/317) om op te antwoorden',
  geen_heenbericht: 'geen heenbericht bij deze retour',
  geen_323: 'geen declaratie (323) bij dit declaratie-antwoord',
  declaratienummer_anders: 'het declaratienummer van 325 en 323 verschilt',
  declaratie_zonder_regels: 'de backoffice kende een declaratie toe waarvan Koers de regels niet bewaarde',
  retour_wijkt_af: 'de retour van de backoffice wijkt af van de regels van de standaard',
  retour_niet_te_volgen: 'de retour van de backoffice wijkt af en het grootboek kan haar niet volgen',
  niet_verwerkt: 'het verwerken liep mis; er is niets veranderd',
} as const

export type RedenCode = keyof typeof redenen

export interface Onverwerkt {
  redenCode: RedenCode
  /** The reason in Dutch, about this message (no personal data). */
  reden: string
}

export const onverwerkt = (redenCode: RedenCode, detail: string): Onverwerkt => ({ redenCode, reden: `${redenen[redenCode]}: ${detail}` })

/** Reasons that may go away when the rest of the archive has been applied: such a message is parked and tried again once at the end. */
export const wachtOpAnder: ReadonlySet<RedenCode> = new Set(['geen_verzoek', 'geen_heenbericht', 'geen_323'])

/** A finding that does not keep the message out of the ledger (it was applied). */
export const isBevinding = (code: RedenCode): boolean => code === 'retour_wijkt_af' || code === 'retour_niet_te_volgen' || code === 'declaratie_zonder_regels'
