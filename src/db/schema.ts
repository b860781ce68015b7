/**
 * The tables as Kysely sees them. Dates come back as `YYYY-MM-DD` strings and bigint cents
 * as numbers on both engines (see the type parsers in database.ts).
 */
import type { ColumnType, Generated } from 'kysely'
import type { Bekostiging, ContractTerms, Leveranciersmanagement, Toegang } from '../segments/instruments.ts'

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
}

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
  budget_gemeente: BudgetGemeenteTable
  budget_provider: BudgetProviderTable
  app_user: AppUserTable
  session: SessionTable
  audit_log: AuditLogTable
}
