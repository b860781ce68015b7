/** Lists answer as JSON, or as a CSV or XLSX download with `?format=` (src/shared/export.ts). */
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed, JSONValue } from 'hono/utils/types'
import { z } from 'zod'
import { type ExportColumn, exportFile } from '../shared/export.ts'
import { attachment } from './content-disposition.ts'
import type { AppEnv } from './context.ts'

export const formatQuery = z.object({ format: z.enum(['csv', 'xlsx']).optional() })

/** The route's declared answer is the JSON list (checked against its response schema); a download is the same list as a file. */
type ListAnswer<T> = TypedResponse<JSONParsed<T[]>, 200, 'json'>

export async function listResponse<T>(c: Context<AppEnv>, format: 'csv' | 'xlsx' | undefined, name: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<ListAnswer<T>> {
  if (format === undefined) return c.json(rows as unknown as JSONValue, 200) as unknown as ListAnswer<T>
  return (await downloadResponse(c, format, name, columns, rows)) as unknown as ListAnswer<T>
}

/** The rows as a CSV or XLSX download named `name` (for a route whose JSON answer is not the bare list). */
export async function downloadResponse<T>(c: Context<AppEnv>, format: 'csv' | 'xlsx', name: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<Response> {
  const file = await exportFile(format, name, columns, rows)
  return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'content-type': file.contentType, 'content-disposition': attachment(file.filename) })
}
