/**
 * Code lists of iJw/iWmo release 3.2 that the region model needs, copied from the
 * basisschema.xsd of each release (LDT_ProductCategorie, LDT_Eenheid). The messages work
 * adds the rest.
 */
export type Wet = 'jeugdwet' | 'wmo'

export const wetLabels: Record<Wet, string> = { jeugdwet: 'Jeugdwet', wmo: 'Wmo' }

/** JZ020: productcategorie iJw 3.2. */
export const productcategorieJeugdwet = {
  '31': 'Zonder verblijf: uitgevoerd door wijk- of buurtteam (2015)',
  '32': 'Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder (2015)',
  '33': 'Zonder verblijf: daghulp op locatie van de aanbieder (2015)',
  '34': 'Zonder verblijf: jeugdhulp in het netwerk van de jeugdige (2015)',
  '35': 'Met verblijf: pleegzorg (2015)',
  '36': 'Met verblijf: gezinsgericht (2015)',
  '37': 'Met verblijf: gesloten plaatsing (2015)',
  '38': 'Met verblijf: overig residentieel (2015)',
  '40': 'Persoonlijke verzorging',
  '41': 'Dagbehandeling',
  '42': 'Vervoerdiensten',
  '43': 'Jeugdhulp verblijf (incl. behandeling)',
  '44': 'Jeugdhulp verblijf (excl. behandeling)',
  '45': 'Jeugdhulp ambulant',
  '46': 'Jeugdhulp crisis',
  '47': 'Jeugdreclassering',
  '48': 'Jeugdbescherming',
  '49': 'Activiteiten in het preventief justitieel kader',
  '50': 'Maatwerkarrangementen jeugd',
  '51': 'Generalistische basis-ggz',
  '52': 'Specialistische ggz',
  '53': 'Kindergeneeskunde',
  '54': 'Jeugd-ggz',
  '55': 'Landelijk ingekochte zorg',
} as const

/** WMO020: productcategorie iWmo 3.2. */
export const productcategorieWmo = {
  '01': 'Hulp bij het huishouden',
  '02': 'Begeleiding',
  '03': 'Persoonlijke verzorging',
  '04': 'Kortdurend verblijf',
  '05': 'Woondiensten',
  '06': 'Overige ondersteuning gericht op het individu of huishouden/gezin',
  '07': 'Dagbesteding',
  '08': 'Vervoerdiensten',
  '09': 'Overige groepsgerichte ondersteuning',
  '10': 'Overige maatwerk arrangementen',
  '11': 'Rolstoelen',
  '12': 'Vervoervoorzieningen',
  '13': 'Woonvoorzieningen',
  '14': 'Overige hulpmiddelen',
  '15': 'Beschermd wonen',
  '16': 'Opvang',
  '17': 'Spoedopvang',
  '18': 'Overige beschermd wonen en opvang',
} as const

export const productcategorieen: Record<Wet, Record<string, string>> = {
  jeugdwet: productcategorieJeugdwet,
  wmo: productcategorieWmo,
}

/** WJ756: eenheid (both laws). */
export const eenheden = {
  '01': 'Minuut',
  '04': 'Uur',
  '14': 'Etmaal',
  '16': 'Dagdeel (4 uur)',
  '82': 'Stuks (output)',
  '83': "Euro's",
  '84': 'Stuks (inspanning)',
} as const
export type Eenheid = keyof typeof eenheden

/** WJ757 / LDT_Frequentie: the window an Omvang's volume applies to. */
export const frequenties = {
  '1': 'per dag',
  '2': 'per week',
  '4': 'per maand',
  '6': 'totaal binnen de geldigheidsduur',
} as const
export type Frequentie = keyof typeof frequenties

/** LDT_RedenWijziging (JZ002): why a toewijzing got a new version, in the code list's own words. */
export const redenenWijziging = {
  '01': 'Administratieve correctie (vervallen)',
  '02': 'Cliënt overleden',
  '03': 'Contractwijziging',
  '04': 'Herbeoordeling verlenging toewijzing',
  '05': 'Herbeoordeling verkorting toewijzing',
  '06': 'Uitstroom naar ander domein',
  '07': 'Verhuizing naar een andere gemeente',
  '08': 'Wijziging leveringsvorm',
  '09': 'Overstap naar andere aanbieder',
  '10': 'Overgang naar nieuwe bekostigingssystematiek',
  '11': 'Gemeentelijke herindeling',
  '12': 'Geïnitieerd door de aanbieder',
  '13': 'Verwijderd',
  '14': 'Administratieve correctie',
} as const
export type RedenWijziging = keyof typeof redenenWijziging

/** LDT_RedenAfwijzingVerzoek: why a gemeente refuses a 315 or 317 (in the 319). */
export const redenenAfwijzingVerzoek = {
  '1': 'Nieuwe aanvraag nodig',
  '2': 'Budget',
  '3': 'Geen contract met de aanbieder',
  '4': 'Niet binnen het contract',
  '5': 'Cliënt woont in een andere gemeente',
  '6': 'Stapeling van voorzieningen',
  '7': 'Zorginhoudelijke redenen',
  '8': 'Woonplaatsbeginsel',
  '9': 'Leeftijdsgrens',
} as const
export type RedenAfwijzingVerzoek = keyof typeof redenenAfwijzingVerzoek

/** The keys of a code list as a tuple, for z.enum. */
export const codeKeys = <T extends Record<string, string>>(list: T) => Object.keys(list) as [keyof T & string, ...(keyof T & string)[]]
