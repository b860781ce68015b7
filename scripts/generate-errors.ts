/**
 * Writes docs/errors.md from the reasons table in src/shared/errors.ts.
 * Run: npx tsx scripts/generate-errors.ts
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderErrorReasons } from '../src/shared/render-errors.ts'

const out = resolve(import.meta.dirname, '../docs/errors.md')
writeFileSync(out, renderErrorReasons())
console.log(`wrote ${out}`)
