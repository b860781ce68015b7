/**
 * Writes docs/conformance.md from the regelrapport in shared/istandaarden/regels and the table
 * in src/istandaarden/conformance/conformance.ts.
 * Run: npm run generate:conformance
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { readRegelrapport } from '../src/istandaarden/conformance/regelrapport.ts'
import { renderConformance } from '../src/istandaarden/conformance/render-conformance.ts'
import { istandaardenDir } from '../src/istandaarden/testing/shared-dir.ts'

const out = resolve(import.meta.dirname, '../docs/conformance.md')
writeFileSync(out, renderConformance(readRegelrapport(istandaardenDir())))
console.log(`wrote ${out}`)
