/**
 * The tables as Kysely sees them. Dates come back as `YYYY-MM-DD` strings and bigint cents
 * as numbers on both engines (see the type parsers in database.ts).
 */
import type { ColumnType, Generated } from 'kysely'
import type { Bekostiging, ContractTerms, Leveranciersmanagement, Toegang } from '../segments/instruments.schema.ts'

type Json<T> = ColumnType<T, string, string>
type Id = Generated<number>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface RegionTable { id: Id; code: string; name: string; created_at: Timestamp }
export interface GemeenteTable { id: Id; region_id: number; cbs_code: string; name: string; population: number }
export interface SegmentTable {
  id: Id
  region_id: number
  wet: 'jeugdwet' | 'wmo'
  code: string
  name: string
  description: string
  parent_id: number | null
  toegang: Json<Toegang>
  bekostiging: Json<Bekostiging>
  contract_terms: Json<ContractTerms>
  leveranciersmanagement: Json<Leveranciersmanagement>
}
export interface ProductTable {
  id: Id
  region_id: number
  segment_id: number
  wet: 'jeugdwet' | 'wmo'
  productcategorie: string
  productcode: string | null
  name: string
  eenheid: string | null
  variant: 'inspanningsgericht' | 'outputgericht' | 'taakgericht'
  /** A generic toewijzing's entry: the 301 carries a Budget and no Product (IV075; migration 0008). */
  generiek: Defaulted<boolean>
}
export interface ProviderTable { id: Id; region_id: number; agb_code: string; kvk_number: string; name: string; legal_form: string }
export interface ProviderCombinationTable { id: Id; region_id: number; name: string; lead_provider_id: number }
export interface ProviderCombinationMemberTable { region_id: number; combination_id: number; provider_id: number }
export interface ContractTable {
  id: Id
  region_id: number
  reference: string
  name: string
  start_date: string
  initial_years: number
  extension_options: number[]
  /** The contract's maximum profit percentage; null: the region's setting applies (migration 0032). */
  max_winst_pct: ColumnType<number | null, number | null | undefined, number | null>
}
export interface ContractExtensionTable {
  id: Id
  region_id: number
  contract_id: number
  option_number: number
  decision: 'verlengd' | 'niet_verlengd'
  decided_on: string
  note: string
}
export interface ContractLotTable { id: Id; region_id: number; contract_id: number; segment_id: number }
export interface ContractAwardTable {
  id: Id
  region_id: number
  lot_id: number
  provider_id: number
  valid_from: string
  valid_to: string | null
}
export interface ContractAwardGemeenteTable { region_id: number; award_id: number; gemeente_id: number }
export interface PreferredSupplierTable {
  id: Id
  region_id: number
  segment_id: number
  gemeente_id: number
  wijk_code: string
  wijk_name: string
  provider_id: number
  valid_from: string
  valid_to: string | null
}
export interface TariffTable {
  id: Id
  region_id: number
  product_id: number
  contract_id: number
  valid_from: string
  valid_to: string
  amount_cents: number
  indexation_basis_points: ColumnType<number, number | undefined, number>
}
export interface ClientTable {
  id: Id
  region_id: number
  gemeente_id: number
  bsn: string
  birth_date: string
  pseudonym: string
  created_at: Timestamp
  family_name: ColumnType<string, string | undefined, string>
  name_prefix: ColumnType<string, string | undefined, string>
  initials: ColumnType<string, string | undefined, string>
  /** LDT_Geslacht: 0 onbekend, 1 mannelijk, 2 vrouwelijk. */
  gender: ColumnType<'0' | '1' | '2', '0' | '1' | '2' | undefined, '0' | '1' | '2'>
  wijk_code: ColumnType<string | null, string | null | undefined, string | null>
  postcode: ColumnType<string | null, string | null | undefined, string | null>
  huisnummer: ColumnType<number | null, number | null | undefined, number | null>
  /** OP001/OP002x2: the client (16 or older) holds the authority (migration 0008). */
  gezag_bij_client: Defaulted<boolean>
  /** OP252/IV009: LDT_DatumGebruik of a (partly) unknown birth date; null when known (migration 0012). */
  datum_gebruik: ColumnType<DatumGebruik | null, DatumGebruik | null | undefined, DatumGebruik | null>
  /** IV047: the address the 301 carries — 01 BRP-adres, 02 correspondentie-adres (only a briefadres), 03 verblijfadres (migration 0012). */
  adres_soort: ColumnType<AdresSoort, AdresSoort | undefined, AdresSoort>
}
export type DatumGebruik = '1' | '2' | '3'
export interface VerstuurdeVersie {
  toewijzingId: number
  version: number
  vorige: number | null
}
export type AdresSoort = '01' | '02' | '03'
/** OP001/OP002: who holds authority over a jeugdige, sent as a Relatie in the iJw 301 (migration 0008). */
export interface GezagsdragerTable {
  id: Id
  region_id: number
  gemeente_id: number
  client_id: number
  /** OP071: the Relatie's Nummer, unique per client and never changed. */
  nummer: number
  /** LDT_SoortRelatie: 10 ouder, 11 voogd. */
  soort: '10' | '11'
  achternaam: string
  voorvoegsel: Defaulted<string>
  voorletters: Defaulted<string>
  /** IV045: a voogdij held by an organisation (NaamGebruik 6). */
  organisatie: Defaulted<boolean>
  postcode: string | null
  huisnummer: number | null
  telefoon: string | null
  actief: Defaulted<boolean>
}
export interface BudgetGemeenteTable {
  id: Id
  region_id: number
  gemeente_id: number
  segment_id: number
  valid_from: string
  valid_to: string
  amount_cents: number
}
export interface BudgetProviderTable {
  id: Id
  region_id: number
  provider_id: number
  segment_id: number
  gemeente_id: number
  valid_from: string
  valid_to: string
  amount_cents: number
}
export interface AppUserTable {
  id: Id
  region_id: number
  username: string
  display_name: string
  password_hash: string
  role: 'regio' | 'gemeente' | 'lokaal_team' | 'aanbieder' | 'toezichthouder'
  gemeente_id: number | null
  provider_id: number | null
}
export interface SessionTable {
  token_hash: string
  region_id: number
  user_id: number
  csrf_token: string
  created_at: Timestamp
  expires_at: Timestamp
  last_seen_at: Timestamp
}
export interface TrustedDeviceTable {
  token_hash: string
  region_id: number
  user_id: number
  created_at: Timestamp
  expires_at: Timestamp
}
export interface AuditLogTable {
  id: Generated<number>
  region_id: number
  at: Timestamp
  user_id: number | null
  action: string
  subject_type: string
  subject_id: number | null
  gemeente_id: number | null
  client_pseudonym: string | null
  subject_label: string | null
}
type Defaulted<T> = ColumnType<T, T | undefined, T>
type Wet = 'jeugdwet' | 'wmo'

export interface NumberSequenceTable { region_id: number; scope: string; last: number }
export interface BeschikkingTable {
  id: Id
  region_id: number
  gemeente_id: number
  client_id: number
  wet: Wet
  beschikking_nummer: number
  perspective: 'ontwikkeling' | 'stabiliteit'
  complexity: 'enkelvoudig' | 'meervoudig' | 'complex'
  intensity: 'licht' | 'middel' | 'zwaar'
  goals: Json<{ description: string; domain: string; t1: number }[]>
  justification: Defaulted<string>
  issued_on: string
  created_by: number | null
  created_at: Timestamp
}
export type MessageState = 'verwerkt' | 'afgekeurd' | 'klaar' | 'opgehaald'
export interface MessageTable {
  id: Id
  region_id: number
  direction: 'in' | 'out'
  wet: Wet
  code: string
  sender_code: string
  receiver_code: string
  gemeente_id: number
  provider_id: number
  identificatie: string
  dagtekening: string
  state: MessageState
  answers_message_id: number | null
  retour_codes: Defaulted<string[]>
  summary: Defaulted<string>
  problems: ColumnType<{ rule: string; retourcode: string; message: string; path?: string; signal?: string }[], string | undefined, string>
  content: Uint8Array
  content_sha256: string
  /** False for a large 323 whose bytes were not kept: its lines are in declaratie_regel. */
  content_kept: Defaulted<boolean>
  content_size: number | null
  created_at: Timestamp
  downloaded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** The mode in which Koers took the message in (migration 0022): answering it, or only observing the traffic. */
  modus: Defaulted<BerichtenModus>
  /** OP286, an outgoing 301: per toewijzing the version it carried and the version sent before it (migration 0013). */
  verstuurde_versies: ColumnType<VerstuurdeVersie[] | null, string | null | undefined, string | null>
}
export type CareRequestStatus = 'open' | 'in_onderzoek' | 'toegewezen' | 'afgewezen'
export interface CareRequestTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  kind: '315' | '317'
  message_id: number
  referentie_aanbieder: string
  client_id: number | null
  bsn: string
  birth_date: string | null
  family_name: Defaulted<string>
  name_prefix: Defaulted<string>
  initials: Defaulted<string>
  gender: Defaulted<string>
  requested: Json<Record<string, unknown>>
  status: Defaulted<CareRequestStatus>
  reden_afwijzing: string | null
  decision_note: Defaulted<string>
  decided_by: number | null
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  answer_message_id: number | null
  received_on: string
  /** The day of the 319 "aanvraag in onderzoek" (migration 0008; OP274/OP346: final answer within 8 weeks). */
  in_onderzoek_op: ColumnType<string | null, string | null | undefined, string | null>
  /** TR377: the responsible gemeente's CBS code of a refusal with RedenAfwijzingVerzoek 8 (migration 0008). */
  woonplaats_gemeente: ColumnType<string | null, string | null | undefined, string | null>
  /** OP252/IV009: the 315's DatumGebruik of the birth date (migration 0012). */
  datum_gebruik: ColumnType<DatumGebruik | null, DatumGebruik | null | undefined, DatumGebruik | null>
}
export type ToewijzingStatus = 'wacht_op_akkoord' | 'actief' | 'afgewezen'
/** The fields a version of a toewijzing carries (the 301's ToegewezenProduct, plus the verplichting). */
export interface ToewijzingVersionColumns {
  version: number
  toewijzing_datum: string
  toewijzing_tijd: string
  ingangsdatum: string
  einddatum: string
  volume: number | null
  eenheid: string | null
  frequentie: string | null
  budget_cents: number | null
  reden_wijziging: string | null
  verplichting_cents: number
}
export interface ToewijzingTable extends ToewijzingVersionColumns {
  id: Id
  region_id: number
  gemeente_id: number
  client_id: number
  beschikking_id: number
  provider_id: number
  segment_id: number
  product_id: number
  wet: Wet
  toewijzing_nummer: number
  request_id: number | null
  referentie_aanbieder: string | null
  status: ToewijzingStatus
  exception_reason: string | null
  exception_requested_by: number | null
  exception_approved_by: number | null
  justification: Defaulted<string>
  created_at: Timestamp
  /** The version the last 301 carried, null when never sent (migration 0008; IV099, OP087). */
  sent_version: ColumnType<number | null, number | null | undefined, number | null>
}
/** A persoonsgebonden budget for a product (a categorie, or one code in it) over a period (migration 0014; OP043). */
export interface PgbToekenningTable {
  id: Id
  region_id: number
  gemeente_id: number
  client_id: number
  wet: Wet
  productcategorie: string
  productcode: string | null
  ingangsdatum: string
  einddatum: string
  budget_cents: number | null
  toelichting: Defaulted<string>
  created_by: number | null
  created_at: Timestamp
}
export interface ToewijzingVersionTable extends ToewijzingVersionColumns {
  id: Id
  region_id: number
  toewijzing_id: number
  gemeente_id: number
  provider_id: number
  status: ToewijzingStatus
  note: Defaulted<string>
  created_by: number | null
  created_at: Timestamp
}
export interface CareStartTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  client_id: number
  toewijzing_id: number
  begindatum: string
  message_id: number
  removed_by_message_id: number | null
}
export interface CareStopTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  client_id: number
  toewijzing_id: number
  start_id: number
  einddatum: string
  reden_beeindiging: string
  message_id: number
  removed_by_message_id: number | null
}

/** A taakgericht 305 (migration 0009; IV096: keyed by Bsn, Product and Begindatum, no toewijzing). */
export interface TaakgerichtStartTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  wet: 'jeugdwet' | 'wmo'
  bsn: string
  client_id: number | null
  product_id: number
  begindatum: string
  message_id: number
  removed_by_message_id: number | null
}
/** A taakgericht 307 (migration 0009). */
export interface TaakgerichtStopTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  start_id: number
  einddatum: string
  reden_beeindiging: string
  message_id: number
  removed_by_message_id: number | null
}

export interface DeclaratieTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  message_id: number
  answer_message_id: number | null
  declaratie_nummer: string
  periode_begin: string
  periode_eind: string
  dagtekening: string
  /** Signed cents: a credit total is negative. */
  ingediend_cents: number
  toegekend_cents: number
  regels: number
  goedgekeurd: number
  afgewezen: number
  created_at: Timestamp
}
/** One prestatie of a processed 323. Written with COPY (src/db/copy.ts), read with Kysely. Its id is declaratie_id × 2^24 + volgnummer. */
export interface DeclaratieRegelTable {
  id: number
  region_id: number
  declaratie_id: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  volgnummer: number
  client_id: number | null
  toewijzing_id: number | null
  product_id: number | null
  segment_id: number | null
  referentie_nummer: string
  vorig_referentie_nummer: string | null
  toewijzing_nummer: number
  productcategorie: string
  productcode: string | null
  begindatum: string
  einddatum: string
  volume: number
  eenheid: string
  tarief_cents: number | null
  /** Signed cents: a credit is negative. */
  bedrag_cents: number
  goedgekeurd: boolean
  retour_codes: string[]
  crediteert_regel_id: number | null
  /** Observer mode (migration 0022): Koers' own verdict when the 325 of the back office decided `goedgekeurd`; null in answering mode. */
  koers_goedgekeurd: ColumnType<boolean | null, boolean | null | undefined, boolean | null>
  /** Observer mode (migration 0030): Koers' own codes beside `koers_goedgekeurd`, when the 325 of the back office decided `retour_codes`; null in answering mode. */
  koers_retour_codes: ColumnType<string[] | null, string[] | null | undefined, string[] | null>
}
export interface RealisatieMaandTable {
  region_id: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  segment_id: number
  product_id: number | null
  maand: string
  debet_cents: number
  /** Approved credits, as a positive amount. */
  credit_cents: number
  regels: number
}
export interface TaakgerichtBetalingTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  segment_id: number
  wet: Wet
  maand: string
  bedrag_cents: number
  omschrijving: Defaulted<string>
  created_by: number | null
  created_at: Timestamp
}
export interface ProductcategorieTaakveldTable { wet: Wet; productcategorie: string; taakveld: string }
export interface SteekproefTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number | null
  maand_van: string
  maand_tot: string
  methode: string
  seed: string
  omvang: number
  populatie_regels: number
  populatie_cents: number
  populatie_sha256: string
  interval_cents: number
  created_by: number | null
  created_at: Timestamp
}
export type SampleFinding = 'rechtmatig' | 'onrechtmatig' | 'onzeker'
export interface SteekproefRegelTable {
  id: Id
  region_id: number
  steekproef_id: number
  gemeente_id: number
  provider_id: number
  regel_id: number
  trekking: number
  bedrag_cents: number
  uitkomst: SampleFinding | null
  fout_cents: number | null
  toelichting: Defaulted<string>
  beoordeeld_door: number | null
  beoordeeld_op: Date | null
}

/** Migration 0006: per toewijzing and year (kept by triggers and koers_realiseer; read-only here). */
export interface ToewijzingJaarTable {
  region_id: number
  toewijzing_id: number
  jaar: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  segment_id: number
  product_id: number
  actief: boolean
  verplichting_cents: number
  gerealiseerd_cents: number
}
export interface VerplichtingJaarTable {
  region_id: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  segment_id: number
  product_id: number
  jaar: number
  verplichting_cents: number
  open_cents: number
  gerealiseerd_cents: number
  toewijzingen: number
}
export interface VerplichtingMaandTable {
  region_id: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  segment_id: number
  maand: string
  verplichting_cents: number
  nieuw: number
  nieuw_verplichting_cents: number
  nieuw_dagen: number
  beeindigd: number
  beeindigd_dagen: number
}
export interface BudgetPrognoseTable {
  region_id: number
  jaar: number
  gemeente_id: number
  provider_id: number
  wet: Wet
  segment_id: number
  peildatum: string
  gerealiseerd_cents: number
  verplichting_cents: number
  open_cents: number
  toewijzingen: number
  verwacht_op_verplichtingen_cents: number
  verwacht_instroom_cents: number
  verwacht_taakgericht_cents: number
  prognose_cents: number
  benutting: ColumnType<string, number | string, number | string>
  gerealiseerd_maand: ColumnType<number[], string, string>
  verplichting_maand: ColumnType<number[], string, string>
  prognose_maand: ColumnType<number[], string, string>
  nieuw_maand: ColumnType<number[], string, string>
  beeindigd_maand: ColumnType<number[], string, string>
  beeindigd_dagen_maand: ColumnType<number[], string, string>
  beeindigd: number
  beeindigd_dagen: number
}
export interface BudgetPrognoseMaandTable {
  region_id: number
  jaar: number
  gemeente_id: number
  segment_id: number
  maand: number
  gerealiseerd_cents: number
  verplichting_cents: number
  prognose_cents: number
  nieuw: number
  beeindigd: number
}
export interface BudgetWijzigingTable {
  id: Id
  region_id: number
  soort: 'gemeente' | 'aanbieder'
  gemeente_id: number
  provider_id: number | null
  segment_id: number
  jaar: number
  oud_cents: number | null
  nieuw_cents: number
  reden: string
  door: number | null
  door_naam: string
  op: Defaulted<Date>
}
export interface SignaalInstellingTable {
  region_id: number
  marge_pct: Defaulted<number>
  gewijzigd_door: number | null
  gewijzigd_op: Defaulted<Date>
}
/** A region's logo and colours over the Koers theme (migration 0021, ADR 0026). */
export interface RegionHuisstijlTable {
  region_id: number
  logo: string | null
  primary_colour: string
  band_colour: string
  changed_by: number | null
  changed_at: Defaulted<Date>
}
/** Observer mode (migration 0022, ADR 0028): Koers answers providers itself, or watches a back office do it. */
export type BerichtenModus = 'antwoordend' | 'waarnemend'
export interface RegionBerichtenrolTable {
  region_id: number
  modus: BerichtenModus
  changed_by: number | null
  changed_at: Defaulted<Date>
}
/** What an archive import could not match or apply (migration 0022), with the reason. */
export interface ArchiefOnverwerktTable {
  id: Generated<number>
  region_id: number
  content_sha256: string
  bron: string
  code: Defaulted<string>
  identificatie: Defaulted<string>
  afzender: Defaulted<string>
  reden_code: string
  reden: string
  created_at: Defaulted<Date>
}
export type BudgetSignalKind = 'voor_op_budget' | 'prognose_boven_budget' | 'plafond_bereikt' | 'doel_niet_op_koers'
export type SignalStatus = 'open' | 'erkend' | 'gesloten'

/** What every signal kind answers about its lifecycle (budget and integrity signals alike): open, acknowledged with an owner, closed. */
export interface SignalLifecycle {
  status: SignalStatus
  titel: string
  bewijs: Record<string, number | string>
  actueel: boolean
  geopendOp: string
  bijgewerktOp: string
  eigenaar: string | null
  eigenaarId: number | null
  erkendDoor: string | null
  erkendOp: string | null
  erkendNotitie: string | null
  geslotenDoor: string | null
  geslotenOp: string | null
  geslotenNotitie: string | null
}
export interface BudgetSignaalTable {
  id: Id
  region_id: number
  soort: BudgetSignalKind
  jaar: number
  gemeente_id: number | null
  provider_id: number | null
  segment_id: number
  doel_id: number | null
  status: Defaulted<SignalStatus>
  titel: string
  bewijs: Json<Record<string, unknown>>
  actueel: Defaulted<boolean>
  geopend_op: Defaulted<Date>
  bijgewerkt_op: Defaulted<Date>
  eigenaar: number | null
  erkend_door: number | null
  erkend_op: Date | null
  erkend_notitie: string | null
  gesloten_door: number | null
  gesloten_op: Date | null
  gesloten_notitie: string | null
}

/** Migration 0007: outcome measurements (T1/T2/T3) and strategy targets. */
export type Meetmoment = 'T1' | 'T2' | 'T3'
export type Doelresultaat = 'behaald' | 'deels' | 'niet'
export type ZonderHulp = 'ja' | 'deels' | 'nee'
export type Vervolg = 'geen' | 'voorliggend' | 'aanvullend'
export interface UitkomstMetingTable {
  id: Id
  region_id: number
  gemeente_id: number
  provider_id: number
  client_id: number
  toewijzing_id: number
  moment: Meetmoment
  gemeten_op: string
  doelen: Json<{ doel: number; resultaat: Doelresultaat }[]>
  zelfredzaamheid: Json<Record<string, number>>
  tevredenheid: number | null
  zonder_hulp: ZonderHulp | null
  vervolg: Vervolg | null
  toelichting: Defaulted<string>
  bron: 'lokaal_team' | 'aanbieder'
  vastgelegd_door: number | null
  vastgelegd_op: Defaulted<Date>
}
/** Which way a target's KPI should go: down (`omlaag`) or up (`omhoog`). */
export type Direction = 'omlaag' | 'omhoog'
export interface StrategieDoelTable {
  id: Id
  region_id: number
  segment_id: number
  kpi: string
  naam: string
  basis_van: string
  basis_tot: string
  basis_waarde: number
  doel_waarde: number
  doel_relatief_pct: number | null
  doel_datum: string
  richting: Direction
  bron: Defaulted<string>
  actief: Defaulted<boolean>
  aangemaakt_door: number | null
  aangemaakt_op: Defaulted<Date>
}

/** Migration 0028: a provider's spending room for a year (VNG contractstandaard Wmo art. 1.5). */
export interface BestedingsruimteTable {
  id: Id
  region_id: number
  provider_id: number
  segment_id: number | null
  jaar: number
  ingangsdatum: string
  bedrag_cents: number
  voornemen_gemeld_op: string | null
  besluit_gemeld_op: string | null
  toelichting: Defaulted<string>
  vastgesteld_door: number | null
  vastgesteld_op: Defaulted<Date>
}
export type BestedingsruimteSignaal = 'zeventig_procent' | 'overschrijding_dreigt'
export type BestedingsruimteBesluit = 'ongewijzigd' | 'verhoogd' | 'clientenstop'
/** Migration 0028: the written notice at 70 % or an expected overrun, and the consultation and decision after it (art. 1.5.7). */
export interface BestedingsruimteMeldingTable {
  id: Id
  region_id: number
  bestedingsruimte_id: number
  provider_id: number
  soort: BestedingsruimteSignaal
  gemeld_op: string
  brief: string
  benut_cents: number
  prognose_cents: number
  bedrag_cents: number
  gemeld_door: number | null
  overleg_gepland_op: string | null
  overleg_gehouden_op: string | null
  overleg_notitie: string | null
  besluit_op: string | null
  besluit: BestedingsruimteBesluit | null
  besluit_notitie: string | null
  nieuw_bedrag_cents: number | null
}
/** Migration 0028: a stop on new clients of a provider (art. 1.5.9), in one segment or all. */
export interface ClientenstopTable {
  id: Id
  region_id: number
  provider_id: number
  segment_id: number | null
  van: string
  tot: string | null
  reden: string
  ingesteld_door: number | null
  ingesteld_op: Defaulted<Date>
  opgeheven_door: number | null
  opheffing_notitie: string | null
}

/** Migration 0023: the facts of a traject, kept by triggers on the ledger (ADR 0029); read through koers_trajecten. */
export interface TrajectFeitTable {
  toewijzing_id: number
  region_id: number
  gemeente_id: number
  provider_id: number
  segment_id: number
  wet: Wet
  client_id: number
  begin_datum: string
  eind_datum: string
  reden: string | null
  per_dag: number
  aangevraagd_op: string | null
  toegewezen_op: string | null
  gestart_op: string | null
  metingen: Json<Record<string, unknown>>
  doelen_t1: Json<{ domain: string; t1: number }[]>
  volgende_begin: string | null
  volgende_provider_id: number | null
  volgende_segment_id: number | null
  volgende_per_dag: number | null
  herstart: string | null
  doorlopend_vanaf: string | null
  eigen_volgende_begin: string | null
  eigen_volgende_provider_id: number | null
  eigen_volgende_segment_id: number | null
  eigen_volgende_per_dag: number | null
  eigen_herstart: string | null
  eigen_doorlopend_vanaf: string | null
}

/** Migration 0029: the voorliggend veld's budget lines per gemeente, year and wet (issue 22 §1). */
export type VoorliggendSoort = 'collectieve_voorziening' | 'groepsaanbod' | 'subsidie' | 'taakgericht'
export interface VoorliggendBudgetTable {
  id: Id
  region_id: number
  gemeente_id: number
  jaar: number
  wet: 'jeugdwet' | 'wmo'
  soort: VoorliggendSoort
  organisatie: string
  omschrijving: Defaulted<string>
  budget_cents: number
  realisatie_cents: number | null
  realisatie_bron: 'invoer' | 'import' | null
  gewijzigd_door: number | null
  gewijzigd_op: Defaulted<Date>
}
/** Migration 0029: a kept what-if scenario (issue 22 §4, ADR 0034); `hefbomen` and `uitkomst` are parsed by src/scenarios. */
export interface ScenarioTable {
  id: Id
  region_id: number
  gemeente_id: number | null
  segment_id: number
  naam: string
  hefbomen: Json<unknown>
  startdatum: string
  jaren: number
  modelversie: string
  peildatum: string
  uitkomst: Json<unknown>
  aangemaakt_door: number | null
  aangemaakt_door_naam: string
  aangemaakt_op: Defaulted<Date>
}

/** Migration 0031: the integrity and financial-health register of providers (issue 21, ADR 0035). */
export type RegistratieSoort = 'ubo' | 'bibob' | 'vog' | 'toezicht' | 'keurmerk' | 'rvt' | 'toelating'
export interface IntegriteitRegistratieTable {
  id: Id
  region_id: number
  provider_id: number
  onderaannemer: string | null
  soort: RegistratieSoort
  datum: string
  gegevens: Json<Record<string, unknown>>
  document: string | null
  recorded_by: number | null
  recorded_by_name: string
  recorded_at: Defaulted<Date>
}
export interface SanctielijstTable {
  id: Id
  region_id: number
  naam: string
  naam_genormaliseerd: string
  geboortedatum: string | null
  kvk_nummer: string | null
  bron: string
  geimporteerd_door: number | null
  geimporteerd_op: Defaulted<Date>
}
export interface JaarrekeningTable {
  id: Id
  region_id: number
  provider_id: number
  jaar: number
  omzet_cents: number
  omzet_regio_cents: number
  personeelskosten_cents: number
  inhuur_cents: Defaulted<number>
  resultaat_cents: number
  eigen_vermogen_cents: number
  balanstotaal_cents: number
  vlottende_activa_cents: number
  kortlopende_schulden_cents: number
  dividend_cents: Defaulted<number>
  verbonden_partijen_cents: Defaulted<number>
  ingediend_op: string
  bron: string
  recorded_by: number | null
  recorded_by_name: string
  recorded_at: Defaulted<Date>
}
export interface IntegriteitInstellingTable {
  region_id: number
  max_winst_pct: Defaulted<number>
  min_solvabiliteit_pct: Defaulted<number>
  min_current_ratio: Defaulted<number>
  max_inhuur_pct: Defaulted<number>
  gewijzigd_door: number | null
  gewijzigd_op: Defaulted<Date>
}
export type IntegriteitSignaalSoort =
  | 'ubo_ontbreekt'
  | 'ubo_op_sanctielijst'
  | 'bibob_negatief'
  | 'maatregel_niet_gemeld'
  | 'winst_boven_maximum'
  | 'solvabiliteit_laag'
  | 'liquiditeit_laag'
  | 'declaraties_boven_omzet'
  | 'inhuur_hoog'
  | 'jaarrekening_ontbreekt'
export interface IntegriteitSignaalTable {
  id: Id
  region_id: number
  soort: IntegriteitSignaalSoort
  provider_id: number
  sleutel: string
  status: Defaulted<SignalStatus>
  titel: string
  bewijs: Json<Record<string, unknown>>
  actueel: Defaulted<boolean>
  geopend_op: Defaulted<Date>
  bijgewerkt_op: Defaulted<Date>
  eigenaar: number | null
  erkend_door: number | null
  erkend_op: Date | null
  erkend_notitie: string | null
  gesloten_door: number | null
  gesloten_op: Date | null
  gesloten_notitie: string | null
}
export interface RechtmatigheidOnderzoekTable {
  id: Id
  region_id: number
  provider_id: number
  titel: string
  aanleiding: 'signaal' | 'steekproef'
  signaal_id: number | null
  steekproef_regel_id: number | null
  vraag_aan_aanbieder: string
  status: Defaulted<'lopend' | 'afgerond'>
  geopend_door: number | null
  geopend_door_naam: string
  geopend_op: Defaulted<Date>
  afgerond_op: Date | null
}
export interface OnderzoekStapTable {
  id: Id
  region_id: number
  onderzoek_id: number
  soort: 'stap' | 'bevinding' | 'maatregel'
  tekst: string
  terugvordering_cents: number | null
  recorded_by: number | null
  recorded_by_name: string
  recorded_at: Defaulted<Date>
}
export interface OnderzoekDeclaratieTable { region_id: number; onderzoek_id: number; declaratie_id: number }

export interface DB {
  region: RegionTable
  gemeente: GemeenteTable
  segment: SegmentTable
  product: ProductTable
  provider: ProviderTable
  provider_combination: ProviderCombinationTable
  provider_combination_member: ProviderCombinationMemberTable
  contract: ContractTable
  contract_extension: ContractExtensionTable
  contract_lot: ContractLotTable
  contract_award: ContractAwardTable
  contract_award_gemeente: ContractAwardGemeenteTable
  preferred_supplier: PreferredSupplierTable
  tariff: TariffTable
  client: ClientTable
  gezagsdrager: GezagsdragerTable
  budget_gemeente: BudgetGemeenteTable
  budget_provider: BudgetProviderTable
  app_user: AppUserTable
  session: SessionTable
  trusted_device: TrustedDeviceTable
  audit_log: AuditLogTable
  number_sequence: NumberSequenceTable
  beschikking: BeschikkingTable
  message: MessageTable
  care_request: CareRequestTable
  toewijzing: ToewijzingTable
  toewijzing_version: ToewijzingVersionTable
  pgb_toekenning: PgbToekenningTable
  care_start: CareStartTable
  care_stop: CareStopTable
  taakgericht_start: TaakgerichtStartTable
  taakgericht_stop: TaakgerichtStopTable
  declaratie: DeclaratieTable
  declaratie_regel: DeclaratieRegelTable
  realisatie_maand: RealisatieMaandTable
  taakgericht_betaling: TaakgerichtBetalingTable
  productcategorie_taakveld: ProductcategorieTaakveldTable
  steekproef: SteekproefTable
  steekproef_regel: SteekproefRegelTable
  toewijzing_jaar: ToewijzingJaarTable
  verplichting_jaar: VerplichtingJaarTable
  verplichting_maand: VerplichtingMaandTable
  budget_prognose: BudgetPrognoseTable
  budget_prognose_maand: BudgetPrognoseMaandTable
  budget_wijziging: BudgetWijzigingTable
  signaal_instelling: SignaalInstellingTable
  region_huisstijl: RegionHuisstijlTable
  region_berichtenrol: RegionBerichtenrolTable
  archief_onverwerkt: ArchiefOnverwerktTable
  budget_signaal: BudgetSignaalTable
  uitkomst_meting: UitkomstMetingTable
  strategie_doel: StrategieDoelTable
  traject_feit: TrajectFeitTable
  account_holder: AccountHolderTable
  account_conversation: AccountConversationTable
  account_conversation_note: AccountConversationNoteTable
  agreement: AgreementTable
  bestedingsruimte: BestedingsruimteTable
  bestedingsruimte_melding: BestedingsruimteMeldingTable
  clientenstop: ClientenstopTable
  voorliggend_budget: VoorliggendBudgetTable
  scenario: ScenarioTable
  integriteit_registratie: IntegriteitRegistratieTable
  sanctielijst: SanctielijstTable
  jaarrekening: JaarrekeningTable
  integriteit_instelling: IntegriteitInstellingTable
  integriteit_signaal: IntegriteitSignaalTable
  rechtmatigheid_onderzoek: RechtmatigheidOnderzoekTable
  onderzoek_stap: OnderzoekStapTable
  onderzoek_declaratie: OnderzoekDeclaratieTable
}

/** Migration 0027: contract management — accounts, account conversations, agreements (ADR 0027). */
export interface AccountHolderTable { region_id: number; provider_id: number; user_id: number }
export type ConversationStatus = 'gepland' | 'gehouden'
export interface AccountConversationTable {
  id: Id
  region_id: number
  provider_id: number
  planned_on: string
  period_from: string
  period_to: string
  status: Defaulted<ConversationStatus>
  held_on: string | null
  present: Defaulted<string>
  created_by: number | null
  created_at: Defaulted<Date>
  recorded_by: number | null
  recorded_at: Date | null
}
export interface AccountConversationNoteTable { region_id: number; conversation_id: number; item: string; note: string }
/** Who carries out an agreement: the region's team, the provider, or both. */
export type AgreementParty = 'regio' | 'aanbieder' | 'samen'
export interface AgreementTable {
  id: Id
  region_id: number
  provider_id: number
  conversation_id: number
  what: string
  party: AgreementParty
  person: Defaulted<string>
  due_on: string
  kpi: string | null
  signal_id: number | null
  closed_on: string | null
  closed_note: string | null
  closed_by: number | null
  provider_done_on: string | null
  provider_note: string | null
  provider_done_by: number | null
}
