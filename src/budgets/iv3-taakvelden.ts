/**
 * The Iv3 taakvelden of the sociaal domein that Koers books to, with their official names (the
 * Iv3 list in force since 2023, as in the shared open data (opendata/iv3): CBS writes "(WMO)", and cuts
 * some names short with ".."; here they are whole). Declarations map to them by productcategorie
 * (declaraties/taakveld.ts); budgets and realisation are reported per taakveld (taakveld.queries.ts).
 */
export const taakvelden = {
  '6.71a': 'Huishoudelijke hulp (Wmo)',
  '6.71b': 'Begeleiding (Wmo)',
  '6.71c': 'Dagbesteding (Wmo)',
  '6.71d': 'Overige maatwerkarrangementen (Wmo)',
  '6.72a': 'Jeugdhulp begeleiding',
  '6.72b': 'Jeugdhulp behandeling',
  '6.72c': 'Jeugdhulp dagbesteding',
  '6.72d': 'Jeugdhulp zonder verblijf overig',
  '6.73a': 'Pleegzorg',
  '6.73b': 'Gezinsgericht',
  '6.73c': 'Jeugdhulp met verblijf overig',
  '6.74a': 'Jeugd behandeling ggz zonder verblijf',
  '6.74b': 'Jeugdhulp crisis/LTA/ggz-verblijf',
  '6.74c': 'Gesloten plaatsing',
  '6.6': 'Maatwerkvoorziening (Wmo)',
  '6.81a': 'Beschermd wonen (Wmo)',
  '6.81b': 'Maatschappelijke- en vrouwenopvang',
  '6.82a': 'Jeugdbescherming',
  '6.82b': 'Jeugdreclassering',
} as const
