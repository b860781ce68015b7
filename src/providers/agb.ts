/**
 * AGB code (Algemeen GegevensBeheer zorgverleners): 8 digits, the first two the kind of
 * care (zorgsoort). The iStandaarden use it as Afzender/Ontvanger for providers.
 */
import { z } from 'zod'

export const agbCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{8}$/, 'an AGB code has exactly 8 digits')
  .refine((s) => s !== '00000000', 'an AGB code cannot be all zeros')

/** KvK number: 8 digits (Handelsregister). */
export const kvkNumberSchema = z.string().trim().regex(/^\d{8}$/, 'a KvK number has exactly 8 digits')

export const legalForms = ['bv', 'nv', 'stichting', 'vereniging', 'cooperatie', 'eenmanszaak', 'vof', 'maatschap'] as const
export const legalFormLabels: Record<(typeof legalForms)[number], string> = {
  bv: 'B.V.',
  nv: 'N.V.',
  stichting: 'Stichting',
  vereniging: 'Vereniging',
  cooperatie: 'Coöperatie',
  eenmanszaak: 'Eenmanszaak',
  vof: 'V.o.f.',
  maatschap: 'Maatschap',
}
