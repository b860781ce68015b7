/**
 * The pieces request bodies are made of (ADR 0032), in one pure module: the server's routes
 * check bodies with them and the web app checks its forms with the same schemas before sending.
 * Imports only `zod` and pure modules of src/shared/.
 */
import { z } from 'zod'
import { isCalendarDate } from './dates.ts'
import { cents, nonNegativeCents } from './money.ts'
import { isValidBsn } from './bsn.ts'

export { cents, nonNegativeCents }

/** A calendar date `YYYY-MM-DD` that exists (not `2027-02-30`). */
export const calendarDate = z.string().refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' })

/** A BSN: 9 digits passing the elfproef. */
export const bsnSchema = z
  .string()
  .trim()
  .refine((s) => /^\d{9}$/.test(s), 'a BSN has exactly 9 digits')
  .refine(isValidBsn, 'this BSN fails the elfproef')

/** The id of a row the body refers to (a gemeente, provider, segment, client, …). */
export const id = z.number().int().positive()

/** A year of budgets, signals and proposals. */
export const jaar = z.number().int().min(2000).max(2100)

/** A calendar month `YYYY-MM` (a declaration month, a sample's period). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/
export const maand = z.string().regex(MONTH_PATTERN, 'a month is YYYY-MM')

/** A note kept with an answer or an approval; empty when none is given. */
export const note = z.string().trim().max(2000).default('')

/** The body of an action that takes no input. */
export const emptyBody = z.object({})

/** An uploaded spreadsheet as an import route takes it: CSV as text, or an XLSX file in base64. */
export const spreadsheetUploadSchema = z
  .object({
    bestandsnaam: z.string().min(1).max(200),
    csv: z.string().min(1).max(5_000_000).optional(),
    xlsxBase64: z.string().min(1).max(7_000_000).optional(),
  })
  .refine((b) => (b.csv === undefined) !== (b.xlsxBase64 === undefined), { message: 'send either csv or xlsxBase64', path: ['csv'] })
