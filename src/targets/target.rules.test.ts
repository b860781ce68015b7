import { describe, expect, it } from 'vitest'
import { type Target, checkpoints, lastCompleteMonthEnd, missingBaselineMonths, pathValue, progress, relativeTarget, windowEnding, windowMonths } from './target.rules.ts'

/** Seed 004: "Vanaf 2027 willen we 20% minder instroom" — 50 in the first quarter of 2026, 40 by the end of March 2027. */
const target: Target = { id: 1, segmentId: 1, kpi: 'instroom', naam: 'Minder instroom', basisVan: '2026-01-01', basisTot: '2026-03-31', basisWaarde: 50, doelWaarde: 40, doelRelatiefPct: -20, doelDatum: '2027-03-31', richting: 'omlaag', bron: '' }

describe('the windows a target is measured over', () => {
  it('are as many months long as its baseline, at least one', () => {
    expect(windowMonths(target)).toBe(3)
    expect(windowMonths({ basisVan: '2025-01-01', basisTot: '2025-12-31' })).toBe(12)
    // A baseline of part of a month counts from the start of its month.
    expect(windowMonths({ basisVan: '2026-01-15', basisTot: '2026-02-14' })).toBe(1)
    expect(windowMonths({ basisVan: '2026-01-10', basisTot: '2026-01-20' })).toBe(1)
  })

  it('end on the checkpoint and reach back the baseline length', () => {
    expect(windowEnding(target, '2026-10-31')).toEqual({ from: '2026-08-01', to: '2026-10-31' })
    expect(windowEnding({ basisVan: '2025-01-01', basisTot: '2025-12-31' }, '2026-06-30')).toEqual({ from: '2025-07-01', to: '2026-06-30' })
  })

  it('count only months that have ended', () => {
    expect(lastCompleteMonthEnd('2026-10-31')).toBe('2026-10-31')
    expect(lastCompleteMonthEnd('2026-11-15')).toBe('2026-10-31')
    expect(lastCompleteMonthEnd('2027-01-01')).toBe('2026-12-31')
  })

  it('fall a quarter apart, counting back from the last complete month, after the baseline', () => {
    expect(checkpoints(target, '2026-11-15')).toEqual(['2026-04-30', '2026-07-31', '2026-10-31'])
    expect(checkpoints(target, '2026-04-15')).toEqual([])
    expect(checkpoints(target, '2026-03-31')).toEqual([])
  })
})

describe('the path from the baseline to the target', () => {
  it('is the baseline until the baseline period ends, the target from its date, and a straight line between', () => {
    expect(pathValue(target, '2026-01-15')).toBe(50)
    expect(pathValue(target, '2026-03-31')).toBe(50)
    expect(pathValue(target, '2027-03-31')).toBe(40)
    expect(pathValue(target, '2028-01-01')).toBe(40)
    // 2026-09-30 is 183 of the 365 days from 2026-03-31 to 2027-03-31.
    expect(pathValue(target, '2026-09-30')).toBeCloseTo(50 - (10 * 183) / 365, 10)
  })
})

describe('progress', () => {
  it('is unknown before the first checkpoint, or when the latest value is suppressed', () => {
    expect(progress(target, [])).toMatchObject({ status: 'onbekend', laatste: null, voorsprong: null, punten: [{ datum: '2026-03-31', waarde: 50, pad: 50 }] })
    expect(progress(target, [{ datum: '2026-06-30', waarde: 44 }, { datum: '2026-09-30', waarde: null }]).status).toBe('onbekend')
  })

  it('is on track when the latest value is on or past the path in the direction asked, and off track otherwise', () => {
    // Path on 2026-09-30: 44.99 → 45.0.
    const on = progress(target, [{ datum: '2026-09-30', waarde: 45 }])
    expect(on).toMatchObject({ status: 'op_koers', voorsprong: 0, laatste: { datum: '2026-09-30', waarde: 45, pad: 45 } })
    const behind = progress(target, [{ datum: '2026-09-30', waarde: 48 }])
    expect(behind).toMatchObject({ status: 'niet_op_koers', voorsprong: -3 })
    // Upwards the same values read the other way round.
    const up: Target = { ...target, basisWaarde: 40, doelWaarde: 50, richting: 'omhoog' }
    expect(progress(up, [{ datum: '2026-09-30', waarde: 48 }])).toMatchObject({ status: 'op_koers', voorsprong: 3 })
    expect(progress(up, [{ datum: '2026-09-30', waarde: 44 }])).toMatchObject({ status: 'niet_op_koers', voorsprong: -1 })
  })

  it('is reached or missed from the target date on, judged against the target itself', () => {
    expect(progress(target, [{ datum: '2027-03-31', waarde: 40 }]).status).toBe('behaald')
    expect(progress(target, [{ datum: '2027-06-30', waarde: 39 }]).status).toBe('behaald')
    expect(progress(target, [{ datum: '2027-06-30', waarde: 41 }]).status).toBe('niet_behaald')
  })

  it('lists the baseline first, then every checkpoint with its path to one decimal', () => {
    const p = progress(target, [{ datum: '2026-06-30', waarde: 47 }, { datum: '2026-09-30', waarde: 46 }])
    expect(p.punten).toEqual([
      { datum: '2026-03-31', waarde: 50, pad: 50 },
      { datum: '2026-06-30', waarde: 47, pad: 47.5 },
      { datum: '2026-09-30', waarde: 46, pad: 45 },
    ])
  })
})

describe('a baseline measured from money', () => {
  it('is incomplete in every month of its period without money', () => {
    const year = { basisVan: '2025-01-01', basisTot: '2025-12-31' }
    expect(missingBaselineMonths(year, new Set(['2025-12-01', '2026-01-01']))).toHaveLength(11)
    expect(missingBaselineMonths(target, new Set(['2026-02-01', '2026-03-01']))).toEqual(['2026-01-01'])
    expect(missingBaselineMonths(target, new Set(['2026-01-01', '2026-02-01', '2026-03-01']))).toEqual([])
  })

  it('leaves the status unknown with reason target.baseline_incomplete, and says so', () => {
    const p = progress({ ...target, kpi: 'kosten', basisWaarde: 30_979_700, doelWaarde: 27_881_700 }, [{ datum: '2026-06-30', waarde: 371_756_400 }], 'cents', ['2026-01-01', '2026-02-01'])
    expect(p).toMatchObject({ status: 'onbekend', reden: 'target.baseline_incomplete', voorsprong: null })
    expect(p.toelichting.replace(/\u00a0/g, ' ')).toBe(
      'De basis is € 309.797 over 1-1-2026 t/m 31-3-2026 (3 maanden). In januari 2026 en februari 2026 van die periode is niets gerealiseerd: de basis is onvolledig en niet te vergelijken met een hele periode. Stel het doel opnieuw vast over een periode met volledige cijfers, of geef de basiswaarde op.',
    )
  })

  it('explains what the latest value is compared with: a window as long as the baseline', () => {
    expect(progress(target, [{ datum: '2026-09-30', waarde: 45 }]).toelichting).toBe('De basis is 50 over 1-1-2026 t/m 31-3-2026 (3 maanden). Gemeten wordt over even lange perioden: de laatste meting, over 1-7-2026 t/m 30-9-2026 (3 maanden), is 45; het pad naar het doel zegt daar 45.')
    expect(progress(target, []).toelichting).toContain('er is nog geen kwartaal voorbij')
  })
})

describe('a target given as a change of the baseline', () => {
  it('is rounded to whole numbers for counts and cents, to one decimal otherwise', () => {
    expect(relativeTarget(50, -20, true)).toBe(40)
    expect(relativeTarget(7, -20, true)).toBe(6)
    expect(relativeTarget(1_234_567, 5, true)).toBe(1_296_295)
    expect(relativeTarget(33.3, -10, false)).toBe(30)
    expect(relativeTarget(12.34, 10, false)).toBe(13.6)
  })
})
