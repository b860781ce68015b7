/**
 * Writes src/istandaarden/schema/generated/schemas.ts from the XSDs in shared/istandaarden.
 * Run: npm run generate:schemas
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderGeneratedSchemas } from '../src/istandaarden/schema/render-schemas.ts'
import { istandaardenDir } from '../src/istandaarden/testing/shared-dir.ts'

const out = resolve(import.meta.dirname, '../src/istandaarden/schema/generated/schemas.ts')
writeFileSync(out, renderGeneratedSchemas(istandaardenDir()))
console.log(`wrote ${out}`)
