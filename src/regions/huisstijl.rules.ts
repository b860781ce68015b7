/**
 * A region's huisstijl over the Koers theme (issue 18 §4, ADR 0026): a logo and two colours.
 * The primary colour draws links and buttons (white text on it) and the band colour the
 * header's border and the footer (white text on it), so each needs 4.5:1 against white
 * (WCAG 1.4.3); a colour that would make text unreadable is refused with its contrast.
 *
 * The logo is an image as a data: URL rather than a web address: the app's
 * Content-Security-Policy admits images from itself and data: only, a logo elsewhere would
 * make every page view ask a third party, and a data: URL is stored, backed up and restored
 * with the region. So it stays small: at most MAX_LOGO_BYTES of image.
 */
import { type ErrorDetail, AppError } from '../shared/errors.ts'
import { MIN_TEXT_CONTRAST, contrast } from '../shared/contrast.ts'
import { type HuisstijlInput, MAX_LOGO_BYTES } from './huisstijl.schema.ts'

export { MAX_LOGO_BYTES }

const WHITE = '#ffffff'
/** The theme's surface (`--koers-color-surface`, checked against the theme by src/shared/contrast.test.ts): the primary colour is also drawn on it. */
export const SURFACE = '#f1f5f8'

export interface Huisstijl {
  regionName: string
  /** Null: the Koers theme's own colours. */
  primaryColour: string | null
  bandColour: string | null
  logo: string | null
}

/** Bytes of image in a base64 data: URL. */
export const logoBytes = (dataUrl: string): number => {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1)
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)
}

/** A contrast ratio with two decimals, rounded down: a refused 4,46 never reads as the 4,5 it misses. */
const ratio = (n: number) => (Math.floor(n * 100) / 100).toFixed(2).replace('.', ',')

/**
 * The colours' problems, each at its field with a Dutch melding: white text on either colour, and
 * the primary colour also as text on the theme's surface. The form asks the same before sending.
 */
export function colourProblems(input: Pick<HuisstijlInput, 'primaryColour' | 'bandColour'>): ErrorDetail[] {
  const details: ErrorDetail[] = []
  for (const [path, naam] of [
    ['primaryColour', 'De hoofdkleur'],
    ['bandColour', 'De kleur van de balk'],
  ] as const) {
    // White text on the colour; the primary colour is also text and lines on the theme's surface, a little darker than white.
    const against = path === 'primaryColour' ? [WHITE, SURFACE] : [WHITE]
    const c = Math.min(...against.map((bg) => contrast(input[path], bg)))
    if (c < MIN_TEXT_CONTRAST) {
      details.push({
        path,
        message: `${input[path]} has contrast ${c.toFixed(2)}:1 with ${against.length > 1 ? 'white or the surface' : 'white'}, less than ${MIN_TEXT_CONTRAST}:1`,
        rule: 'WCAG 1.4.3',
        melding: `${naam} ${input[path]} heeft ${against.length > 1 ? 'met wit of de lichtgrijze achtergrond' : 'met wit'} een contrast van ${ratio(c)}:1; tekst in of op die kleur is dan slecht leesbaar. Nodig is ten minste ${String(MIN_TEXT_CONTRAST).replace('.', ',')}:1. Kies een donkerdere kleur.`,
      })
    }
  }
  return details
}

/** Refuses a huisstijl whose colours are too light for white text, or whose logo is too large. */
export function checkHuisstijl(input: HuisstijlInput): void {
  if (input.logo !== null && logoBytes(input.logo) > MAX_LOGO_BYTES) {
    const kb = Math.ceil(logoBytes(input.logo) / 1024)
    throw new AppError('huisstijl.logo_too_large', `the logo is ${kb} kB, more than ${MAX_LOGO_BYTES / 1024} kB`, [
      { path: 'logo', message: `${kb} kB`, melding: `Het logo is ${kb} kB; het mag hoogstens ${MAX_LOGO_BYTES / 1024} kB zijn. Verklein het of kies een SVG.` },
    ])
  }
  const details = colourProblems(input)
  if (details.length > 0) throw new AppError('huisstijl.contrast_too_low', `colours with too little contrast: ${details.map((d) => d.path).join(', ')}`, details)
}
