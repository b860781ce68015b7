/**
 * The Koers theme (web/src/theme/koers-theme.css, ADR 0026) keeps WCAG contrast for every pair
 * of colours it puts together, and it is the only place in web/src where a colour is written:
 * everything else names a token, so a region's huisstijl and a change of theme reach every page.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIN_GRAPHIC_CONTRAST, MIN_TEXT_CONTRAST, type Rgb, contrast, parseHex } from './contrast.ts'
import { projectRoot } from './project-root.ts'
import { SURFACE } from '../regions/huisstijl.rules.ts'

const web = join(projectRoot, 'web', 'src')
const themeCss = readFileSync(join(web, 'theme', 'koers-theme.css'), 'utf8')
const tokens = new Map([...themeCss.matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)].map((m) => [m[1]!, m[2]!.trim()]))

/** A token's colour, following var() references and the theme's one colour-mix (in srgb). */
function colour(value: string): Rgb {
  const v = value.trim()
  const ref = /^var\((--[\w-]+)\)$/.exec(v)
  if (ref) {
    const next = tokens.get(ref[1]!)
    if (next === undefined) throw new Error(`the theme does not define ${ref[1]}`)
    return colour(next)
  }
  const mix = /^color-mix\(in srgb,\s*(.+?)\s+(\d+)%,\s*(.+)\)$/.exec(v)
  if (mix) {
    const a = colour(mix[1]!)
    const b = colour(mix[3]!)
    const p = Number(mix[2]) / 100
    return [0, 1, 2].map((i) => Math.round(a[i]! * p + b[i]! * (1 - p))) as unknown as Rgb
  }
  return parseHex(v)
}
const token = (name: string): Rgb => colour(`var(--${name})`)

describe('the Koers theme', () => {
  it.each([
    ['koers-color-text', 'koers-color-background'],
    ['koers-color-text', 'koers-color-surface'],
    ['koers-color-text', 'koers-color-info-surface'],
    ['koers-color-text', 'koers-color-focus-background'],
    ['koers-color-muted', 'koers-color-background'],
    ['koers-color-muted', 'koers-color-surface'],
    ['koers-color-link', 'koers-color-background'],
    ['koers-color-link-hover', 'koers-color-background'],
    ['koers-color-link-hover', 'koers-color-surface'],
    ['koers-color-primary', 'koers-color-surface'],
    ['koers-color-on-primary', 'koers-color-primary'],
    ['koers-color-on-primary', 'koers-color-link-hover'],
    ['koers-color-on-primary', 'koers-color-band'],
    ['koers-color-error', 'koers-color-background'],
    ['koers-color-error', 'koers-color-error-surface'],
    ['koers-color-text', 'koers-color-error-surface'],
    ['koers-color-warning', 'koers-color-warning-surface'],
    ['koers-color-text', 'koers-color-warning-surface'],
    ['koers-color-success', 'koers-color-success-surface'],
    ['koers-color-text', 'koers-color-success-surface'],
    ['koers-chart-axis', 'koers-color-background'],
    // Recharts draws a legend entry's text in its series colour.
    ['koers-chart-1', 'koers-color-background'],
    ['koers-chart-2', 'koers-color-background'],
    ['koers-chart-3', 'koers-color-background'],
    ['koers-chart-4', 'koers-color-background'],
  ])('writes %s on %s at 4.5:1 or more', (fore, back) => {
    expect(contrast(token(fore), token(back))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST)
  })

  it.each([
    ['koers-chart-reference', 'koers-color-background'],
    ['koers-color-control-border', 'koers-color-background'],
    ['koers-color-focus', 'koers-color-background'],
    ['koers-color-focus', 'koers-color-focus-background'],
    ['koers-color-highlight', 'koers-color-background'],
    ['koers-color-band', 'koers-color-background'],
  ])('draws %s on %s at 3:1 or more', (fore, back) => {
    expect(contrast(token(fore), token(back))).toBeGreaterThanOrEqual(MIN_GRAPHIC_CONTRAST)
  })

  it('draws the chart series apart from each other and from the background', () => {
    for (const n of [1, 2, 3, 4]) expect(contrast(token(`koers-chart-${n}`), token('koers-color-background'))).toBeGreaterThanOrEqual(MIN_GRAPHIC_CONTRAST)
    expect(new Set([1, 2, 3, 4].map((n) => tokens.get(`--koers-chart-${n}`))).size).toBe(4)
  })

  it('sets a font the browser has: a system font stack, no font that is never loaded', () => {
    expect(tokens.get('--koers-font-family')).toMatch(/^system-ui,.*sans-serif$/)
    expect(tokens.get('--utrecht-document-font-family')).toBe('var(--koers-font-family)')
  })

  it("has the surface the region's huisstijl is checked against (src/regions/huisstijl.ts)", () => {
    expect(tokens.get('--koers-color-surface')).toBe(SURFACE)
  })

  it('is the only place in web/src that writes a colour', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    const literal = /(?<![\w&/])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b|\b(?:rgba?|hsla?)\(/g
    const found = files(web)
      .filter((f) => /\.(tsx?|css)$/.test(f) && !relative(web, f).startsWith('theme'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => [...line.matchAll(literal)].map((m) => `${relative(projectRoot, f)}:${i + 1}: ${m[0]}`)))
    expect(found).toEqual([])
  })
})
