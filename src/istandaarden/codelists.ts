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
