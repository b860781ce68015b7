import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * `../shared/istandaarden` beside the checkout: the official XSDs and examples. Tests and the
 * generator read them from there; the product does not need them at run time.
 */
export function istandaardenDir(): string {
  const dir = process.env.KOERS_ISTANDAARDEN_DIR ?? resolve(import.meta.dirname, '../../../../shared/istandaarden')
  if (!existsSync(dir)) throw new Error(`iStandaarden folder not found at ${dir} (set KOERS_ISTANDAARDEN_DIR)`)
  return dir
}
