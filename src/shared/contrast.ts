/**
 * WCAG 2.2 contrast between two colours (success criteria 1.4.3 and 1.4.11), for the Koers
 * theme's own test and for a region's huisstijl, which the server refuses when its colours
 * would make text or controls unreadable (ADR 0026).
 */

/** Text and link colours against their background (1.4.3, normal-size text). */
export const MIN_TEXT_CONTRAST = 4.5
/** Graphics that carry meaning, such as a chart's bars or a control's border (1.4.11). */
export const MIN_GRAPHIC_CONTRAST = 3

/** A colour as `#rrggbb`, the only form Koers stores and accepts. */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

export type Rgb = readonly [r: number, g: number, b: number]

/** `#rrggbb` (or `#rgb`) as red, green and blue from 0 to 255. */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)
  if (!m) throw new Error(`not a hex colour: ${hex}`)
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)]
}

/** Relative luminance as WCAG defines it, from 0 (black) to 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** The contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrast(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === 'string' ? parseHex(a) : a)
  const lb = luminance(typeof b === 'string' ? parseHex(b) : b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}
