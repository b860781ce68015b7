import { describe, expect, it } from 'vitest'
import { type PgbPeriod, pgbClash, pgbCovers, pgbEffect, pgbFinding } from './pgb.rules.ts'

const ambulant = { productcategorie: '45', productcode: '45A48', generiek: false }
const pgb = (over: Partial<PgbPeriod> = {}): PgbPeriod => ({ productcategorie: '45', productcode: null, ingangsdatum: '2027-03-01', einddatum: '2027-12-31', ...over })

describe('OP043: a pgb and a toewijzing for the same product', () => {
  it('a pgb covers its whole categorie, or only its own code; never a generic toewijzing', () => {
    expect(pgbCovers(pgb(), ambulant)).toBe(true)
    expect(pgbCovers(pgb({ productcode: '45A48' }), ambulant)).toBe(true)
    expect(pgbCovers(pgb({ productcode: '45A53' }), ambulant)).toBe(false)
    expect(pgbCovers(pgb({ productcategorie: '43' }), ambulant)).toBe(false)
    expect(pgbCovers(pgb(), { productcategorie: '45', productcode: null, generiek: true })).toBe(false)
  })

  it('finds a clash only when the periods overlap, the last day of either included', () => {
    expect(pgbClash([pgb()], ambulant, '2026-12-01', '2027-02-28')).toBeUndefined()
    expect(pgbClash([pgb()], ambulant, '2026-12-01', '2027-03-01')).toEqual(pgb())
    expect(pgbClash([pgb()], ambulant, '2027-12-31', '2028-03-31')).toEqual(pgb())
    expect(pgbClash([pgb()], ambulant, '2028-01-01', '2028-03-31')).toBeUndefined()
  })

  it('refuses a toewijzing in a pgb period and says on which day one before it must end', () => {
    const before = pgbFinding([pgb()], { ...ambulant, name: 'Ambulant' }, '2027-01-01', '2027-06-30')
    expect(before).toMatchObject({ rule: 'OP043', severity: 'refusal', path: 'einddatum' })
    expect(before!.message).toContain('uiterlijk op 28-2-2027')
    expect(pgbFinding([pgb()], { ...ambulant, name: 'Ambulant' }, '2027-04-01', '2027-06-30')).toMatchObject({ rule: 'OP043', path: 'ingangsdatum' })
  })

  it('ends a toewijzing running into the pgb on the day before it, and refuses the pgb for one that starts within it', () => {
    const t = (ingangsdatum: string, einddatum: string, product = ambulant) => ({ toewijzingNummer: 7, ingangsdatum, einddatum, product })
    expect(pgbEffect(pgb(), t('2026-12-01', '2027-05-31'))).toEqual({ kind: 'beeindigen', einddatum: '2027-02-28' })
    expect(pgbEffect(pgb(), t('2026-12-01', '2027-02-28'))).toEqual({ kind: 'geen' })
    expect(pgbEffect(pgb(), t('2027-03-01', '2027-05-31'))).toMatchObject({ kind: 'weigeren' })
    expect(pgbEffect(pgb({ productcode: '45A53' }), t('2026-12-01', '2027-05-31'))).toEqual({ kind: 'geen' })
  })
})
