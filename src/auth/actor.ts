/**
 * Who is acting. Every HTTP request and CLI command runs as an actor with a role and a
 * scope; queries take it, and row-level security enforces it a second time.
 */
import { z } from 'zod'

export const roles = ['regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder'] as const
export type Role = (typeof roles)[number]
export const roleSchema = z.enum(roles)

/** Dutch names of the roles, as the web app and CLI show them. */
export const roleLabels: Record<Role, string> = {
  regio: 'Regio – inkoop- en contractmanagement',
  gemeente: 'Gemeente – beleid en financiën',
  lokaal_team: 'Lokaal team',
  aanbieder: 'Aanbieder',
  toezichthouder: 'Toezichthouder rechtmatigheid',
}

export interface Actor {
  userId: number | null
  /** For messages and audit lines; never a BSN. */
  name: string
  role: Role
  regionId: number
  /** Set for the roles gemeente and lokaal_team. */
  gemeenteId: number | null
  /** Set for the role aanbieder. */
  providerId: number | null
}

/** The region acting for itself (background work, the demo): sees the whole region, is no user. */
export const systemActor = (regionId: number, name: string): Actor => ({ userId: null, name, role: 'regio', regionId, gemeenteId: null, providerId: null })
