/** The body of POST /api/region/huisstijl (ADR 0032): pure, so the web form checks it with the same schema. */
import { z } from 'zod'
import { HEX_COLOUR } from '../shared/contrast.ts'

/** The largest logo, in bytes of image (64 kB: a header logo of a few hundred pixels wide). */
export const MAX_LOGO_BYTES = 64 * 1024

const colour = z.string().trim().regex(HEX_COLOUR).transform((c) => c.toLowerCase())

/** The body of POST /api/region/huisstijl, and the form's fields. */
export const huisstijlSchema = z.object({
  primaryColour: colour,
  bandColour: colour,
  /** `data:image/png;base64,…` (PNG, JPEG, WebP, GIF or SVG), or null for no logo. */
  logo: z
    .string()
    .regex(/^data:image\/(png|jpeg|webp|gif|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/)
    .nullable(),
})
export type HuisstijlInput = z.output<typeof huisstijlSchema>

