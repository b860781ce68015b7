import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError, errorCodes, reasons, type Reason } from './errors.ts'
import { renderErrorReasons } from './render-errors.ts'

const root = join(import.meta.dirname, '../..')
const all = Object.keys(reasons) as Reason[]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('error reasons', () => {
  it('follow the scheme <concept>.<what_went_wrong> in lower snake case', () => {
    expect(all.filter((r) => !/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/.test(r))).toEqual([])
  })

  it('each have an HTTP class and a Dutch description', () => {
    for (const reason of all) {
      expect(errorCodes[reasons[reason].code], reason).toBeTypeOf('number')
      expect(reasons[reason].beschrijving, reason).toMatch(/^[A-Z"].{10,}\.$/)
    }
  })

  it('are each used in src/: the table lists no reason nothing throws', () => {
    const text = sources(join(root, 'src'))
      .filter((f) => relative(root, f) !== join('src', 'shared', 'errors.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    expect(all.filter((r) => !text.includes(`'${r}'`))).toEqual([])
  })

  it('give an AppError its HTTP class', () => {
    expect(new AppError('toewijzing.not_active', 'x')).toMatchObject({ code: 'conflict', reason: 'toewijzing.not_active' })
  })
})

describe('docs/errors.md', () => {
  it('is what scripts/generate-errors.ts writes', () => {
    expect(readFileSync(join(root, 'docs/errors.md'), 'utf8')).toBe(renderErrorReasons())
  })
})
