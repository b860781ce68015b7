import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { type MeasurementContext, dueMoments, measurementProblems } from './measurement.rules.ts'
import { measurementInputSchema } from './measurement.schema.ts'

/** A traject with two goals, in care from 1 December 2026 to 31 May 2027. */
const ctx: MeasurementContext = { role: 'aanbieder', goals: 2, begin: '2026-12-01', eind: '2027-05-31', today: '2027-06-15' }
const m = (over: Partial<z.input<typeof measurementInputSchema>>) => measurementInputSchema.parse({ toewijzingId: 1, moment: 'T2', gemetenOp: '2027-06-01', ...over })
const t1 = m({ moment: 'T1', gemetenOp: '2026-12-05', zelfredzaamheid: { ontwikkeling: 2 } })
const t2 = m({ doelen: [{ doel: 0, resultaat: 'behaald' }, { doel: 1, resultaat: 'deels' }], tevredenheid: 4, zonderHulp: 'ja', vervolg: 'geen' })
const messages = (problems: { message: string }[]) => problems.map((p) => p.message)

describe('recording a measurement', () => {
  it('accepts T1 with self-reliance only, and T2 with a result for every goal', () => {
    expect(measurementProblems(t1, ctx)).toEqual([])
    expect(measurementProblems(t2, ctx)).toEqual([])
  })

  it('refuses a date in the future', () => {
    expect(messages(measurementProblems({ ...t2, gemetenOp: '2027-06-16' }, ctx))).toEqual(['a measurement cannot be dated in the future (2027-06-16)'])
    // The person reads it in Dutch, with the date as written in the Netherlands.
    expect(measurementProblems({ ...t2, gemetenOp: '2027-06-16' }, ctx).map((p) => p.melding)).toEqual(['Een meting kan niet in de toekomst liggen (16-6-2027); vul de datum in waarop gemeten is.'])
  })

  it('says every problem in Dutch as well', () => {
    const all = [
      ...measurementProblems({ ...t2, gemetenOp: '2027-06-16', doelen: [...t2.doelen, { doel: 0, resultaat: 'niet' }, { doel: 5, resultaat: 'niet' }] }, ctx),
      ...measurementProblems({ ...t1, tevredenheid: 4, zelfredzaamheid: {} }, ctx),
    ]
    expect(all.length).toBeGreaterThan(4)
    for (const p of all) expect(p.melding).toMatch(/^[A-Z].*[.]$/)
  })

  it('refuses results at T1, and a T1 without self-reliance', () => {
    expect(messages(measurementProblems({ ...t1, tevredenheid: 4 }, ctx))).toEqual(['T1 is the starting point: only self-reliance is measured, results belong to T2 and T3'])
    expect(messages(measurementProblems({ ...t1, zelfredzaamheid: {} }, ctx))).toEqual(['T1 records self-reliance on at least one life domain'])
  })

  it('refuses a T2 that leaves a goal unscored, scores one twice, or scores a goal the beschikking does not have', () => {
    expect(messages(measurementProblems({ ...t2, doelen: [{ doel: 1, resultaat: 'niet' }] }, ctx))).toEqual(['score every goal of the beschikking: goal 1 has no result'])
    expect(messages(measurementProblems({ ...t2, doelen: [...t2.doelen, { doel: 0, resultaat: 'niet' }] }, ctx))).toEqual(['each goal is scored once'])
    expect(messages(measurementProblems({ ...t2, doelen: [...t2.doelen, { doel: 2, resultaat: 'niet' }] }, ctx))).toEqual(['the beschikking has 2 goal(s)'])
  })

  it('refuses a T2 dated before the care began', () => {
    expect(messages(measurementProblems({ ...t2, gemetenOp: '2026-11-30' }, ctx))).toEqual(['T2 is measured at the end, not before the care began (2026-12-01)'])
  })

  it('leaves T3 to the lokaal team, after the care ended', () => {
    const t3 = { ...t2, moment: 'T3' as const, gemetenOp: '2027-06-10' }
    expect(messages(measurementProblems(t3, ctx))).toEqual(['T3 comes after the care ended and is recorded by the lokaal team'])
    const team = { ...ctx, role: 'lokaal_team' as const }
    expect(measurementProblems(t3, team)).toEqual([])
    expect(messages(measurementProblems({ ...t3, gemetenOp: '2027-05-31' }, team))).toEqual(['T3 is measured after the care ended (2027-05-31)'])
    // Care that is still running has no T3, whatever the date.
    expect(messages(measurementProblems({ ...t3, gemetenOp: '2027-06-10' }, { ...team, eind: '2027-06-30' }))).toEqual(['T3 is measured after the care ended (2027-06-30)'])
  })

  it('names every problem at once, each with its field', () => {
    expect(measurementProblems({ ...t1, gemetenOp: '2027-07-01', zelfredzaamheid: {} }, ctx).map((p) => p.path)).toEqual(['gemetenOp', 'zelfredzaamheid'])
  })

  it('takes scores of 1 to 5 and known life domains only', () => {
    expect(measurementInputSchema.safeParse({ toewijzingId: 1, moment: 'T2', gemetenOp: '2027-06-01', tevredenheid: 6 }).success).toBe(false)
    expect(measurementInputSchema.safeParse({ toewijzingId: 1, moment: 'T1', gemetenOp: '2027-06-01', zelfredzaamheid: { ontwikkeling: 0 } }).success).toBe(false)
    expect(measurementInputSchema.safeParse({ toewijzingId: 1, moment: 'T1', gemetenOp: '2027-06-01', zelfredzaamheid: { sterrenkunde: 3 } }).success).toBe(false)
  })
})

describe('what is due', () => {
  const traject = { begin: '2026-12-01', eind: '2027-05-31', recorded: [] as string[], t3Months: 6 }

  it('is nothing before the care begins, T1 once it has, and T2 once it has ended', () => {
    expect(dueMoments(traject, '2026-11-30', 'lokaal_team')).toEqual([])
    expect(dueMoments(traject, '2026-12-01', 'lokaal_team')).toEqual(['T1'])
    expect(dueMoments(traject, '2027-05-31', 'lokaal_team')).toEqual(['T1'])
    expect(dueMoments(traject, '2027-06-01', 'lokaal_team')).toEqual(['T1', 'T2'])
  })

  it("is T3 for the lokaal team the segment's months after the end, never for the provider", () => {
    expect(dueMoments(traject, '2027-11-29', 'lokaal_team')).toEqual(['T1', 'T2'])
    expect(dueMoments(traject, '2027-11-30', 'lokaal_team')).toEqual(['T1', 'T2', 'T3'])
    expect(dueMoments(traject, '2027-11-30', 'aanbieder')).toEqual(['T1', 'T2'])
    expect(dueMoments({ ...traject, t3Months: 3 }, '2027-08-31', 'lokaal_team')).toEqual(['T1', 'T2', 'T3'])
  })

  it('leaves out what is recorded, by whichever side', () => {
    expect(dueMoments({ ...traject, recorded: ['T1', 'T3'] }, '2027-12-01', 'lokaal_team')).toEqual(['T2'])
  })
})
