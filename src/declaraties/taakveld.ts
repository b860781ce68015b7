/**
 * Which Iv3 taakveld (since 2023) a productcategorie's spending falls under, so that Koers'
 * realisation reconciles with the gemeente's own begroting and jaarrekening (DOMAIN.md: "costs
 * map from productcategorie to taakveld"). One taakveld per productcategorie: where the Iv3
 * splits finer than the iStandaarden (6.72a begeleiding vs 6.72b behandeling both sit under
 * 45 Jeugdhulp ambulant), the category goes to the taakveld that holds most of it, and a
 * gemeente that books otherwise can see the difference per taakveld. docs/declaraties.md
 * lists the table with its reasons; the names are the Iv3 ones (budgets/iv3-taakvelden.ts).
 */
import { taakvelden } from '../budgets/iv3-taakvelden.ts'
import type { Wet } from '../istandaarden/codelists.ts'


export type Taakveld = keyof typeof taakvelden

/** productcategorie → taakveld, per law. */
export const taakveldPerCategorie: Record<Wet, Record<string, Taakveld>> = {
  jeugdwet: {
    '31': '6.72a', // wijk- of buurtteam (2015 category)
    '32': '6.72a', // ambulant op locatie aanbieder
    '33': '6.72c', // daghulp
    '34': '6.72a', // in het netwerk van de jeugdige
    '35': '6.73a', // pleegzorg
    '36': '6.73b', // gezinsgericht verblijf
    '37': '6.74c', // gesloten plaatsing
    '38': '6.73c', // overig residentieel
    '40': '6.72d', // persoonlijke verzorging
    '41': '6.72c', // dagbehandeling
    '42': '6.72d', // vervoer
    '43': '6.73c', // verblijf incl. behandeling
    '44': '6.73c', // verblijf excl. behandeling
    '45': '6.72a', // ambulant: mostly begeleiding
    '46': '6.74b', // crisis
    '47': '6.82b', // jeugdreclassering
    '48': '6.82a', // jeugdbescherming
    '49': '6.82b', // preventief justitieel kader
    '50': '6.72d', // maatwerkarrangementen
    '51': '6.74a', // generalistische basis-ggz
    '52': '6.74a', // specialistische ggz
    '53': '6.72b', // kindergeneeskunde
    '54': '6.74a', // jeugd-ggz
    '55': '6.72d', // landelijk ingekocht
  },
  wmo: {
    '01': '6.71a', // hulp bij het huishouden
    '02': '6.71b', // begeleiding
    '03': '6.71b', // persoonlijke verzorging
    '04': '6.71d', // kortdurend verblijf
    '05': '6.71d', // woondiensten
    '06': '6.71d', // overige ondersteuning
    '07': '6.71c', // dagbesteding
    '08': '6.6', // vervoerdiensten
    '09': '6.71c', // overige groepsgerichte ondersteuning
    '10': '6.71d', // overige maatwerkarrangementen
    '11': '6.6', // rolstoelen
    '12': '6.6', // vervoervoorzieningen
    '13': '6.6', // woonvoorzieningen
    '14': '6.6', // overige hulpmiddelen
    '15': '6.81a', // beschermd wonen
    '16': '6.81b', // opvang
    '17': '6.81b', // spoedopvang
    '18': '6.81a', // overige beschermd wonen en opvang
  },
}

/** The table as rows, for the migration that seeds `productcategorie_taakveld`. */
export const taakveldRows: { wet: Wet; productcategorie: string; taakveld: Taakveld }[] = (Object.keys(taakveldPerCategorie) as Wet[]).flatMap((wet) =>
  Object.entries(taakveldPerCategorie[wet]).map(([productcategorie, taakveld]) => ({ wet, productcategorie, taakveld })),
)
