/**
 * Outcome measurements of a traject (issue 7 §1), after seed 002 fase 4: "Doelrealisatie,
 * Klanttevredenheid/klantervaring, Uitval", for doelrealisatie "Mate waarin zonder hulp verder
 * kan; Mate waarin zelfredzaamheid en/of participatie is toegenomen; Mate waarin overeengekomen
 * doelen zijn bereikt", measured "bij start traject (T1) en einde traject (T2) en eventueel na
 * afloopt (T3)". The items line up with the Beleidsinformatie Jeugd (tevredenheid, "zonder hulp
 * verder kunnen"); uitval and "geen nieuwe start hulp" come from the messages (kpi.rules.ts).
 * One schema serves the form, the API and the CSV import.
 */
import type { Role } from '../auth/actor.ts'
import { type CalendarDate, addMonths } from '../shared/dates.ts'
import { formatDate } from '../shared/format-nl.ts'
import type { MeasurementInput } from './measurement.schema.ts'

/** What a measurement is checked against. */
export interface MeasurementContext {
  role: Role
  /** The goals of the toewijzing's beschikking. */
  goals: number
  /** First and last day of care (the last one planned while it runs). */
  begin: CalendarDate
  eind: CalendarDate
  today: CalendarDate
}

export interface MeasurementProblem {
  path: string
  message: string
  /** The problem in Dutch, for the person recording the measurement (at the field, or naming the row of an import). */
  melding: string
}

/** Why a measurement cannot be recorded, if it cannot (empty: it can). */
export function measurementProblems(m: MeasurementInput, ctx: MeasurementContext): MeasurementProblem[] {
  const problems: MeasurementProblem[] = []
  if (m.gemetenOp > ctx.today) problems.push({ path: 'gemetenOp', message: `a measurement cannot be dated in the future (${m.gemetenOp})`, melding: `Een meting kan niet in de toekomst liggen (${formatDate(m.gemetenOp)}); vul de datum in waarop gemeten is.` })
  if (ctx.role === 'aanbieder' && m.moment === 'T3') problems.push({ path: 'moment', message: 'T3 comes after the care ended and is recorded by the lokaal team', melding: 'T3 volgt na het einde van de zorg en wordt door het lokaal team vastgelegd.' })
  if (m.moment === 'T1') {
    if (m.doelen.length > 0 || m.tevredenheid !== null || m.zonderHulp !== null || m.vervolg !== null) problems.push({ path: 'moment', message: 'T1 is the starting point: only self-reliance is measured, results belong to T2 and T3', melding: 'T1 is het beginpunt: daarin meet u alleen de zelfredzaamheid. Resultaten van doelen, tevredenheid en vervolg horen bij T2 en T3.' })
    if (Object.keys(m.zelfredzaamheid).length === 0) problems.push({ path: 'zelfredzaamheid', message: 'T1 records self-reliance on at least one life domain', melding: 'Vul bij T1 de zelfredzaamheid in op ten minste één levensdomein.' })
  } else {
    const seen = new Set(m.doelen.map((d) => d.doel))
    if (seen.size !== m.doelen.length) problems.push({ path: 'doelen', message: 'each goal is scored once', melding: 'Geef elk doel één keer een resultaat.' })
    const missing = Array.from({ length: ctx.goals }, (_, i) => i).filter((i) => !seen.has(i))
    if (missing.length > 0) problems.push({ path: 'doelen', message: `score every goal of the beschikking: goal ${missing.map((i) => i + 1).join(', ')} has no result`, melding: `Geef het resultaat van elk doel van de beschikking: ${missing.length === 1 ? 'doel' : 'doelen'} ${missing.map((i) => i + 1).join(', ')} ${missing.length === 1 ? 'heeft' : 'hebben'} er nog geen.` })
    if (m.doelen.some((d) => d.doel >= ctx.goals)) problems.push({ path: 'doelen', message: `the beschikking has ${ctx.goals} goal(s)`, melding: `De beschikking heeft ${ctx.goals} ${ctx.goals === 1 ? 'doel' : 'doelen'}; geef niet meer resultaten dan dat.` })
    if (m.moment === 'T2' && m.gemetenOp < ctx.begin) problems.push({ path: 'gemetenOp', message: `T2 is measured at the end, not before the care began (${ctx.begin})`, melding: `T2 meet u aan het einde van de zorg, niet vóór het begin ervan (${formatDate(ctx.begin)}).` })
    if (m.moment === 'T3' && (ctx.eind >= ctx.today || m.gemetenOp <= ctx.eind)) problems.push({ path: 'gemetenOp', message: `T3 is measured after the care ended (${ctx.eind})`, melding: `T3 meet u na het einde van de zorg (${formatDate(ctx.eind)}).` })
  }
  return problems
}

/** Which measurements of a traject are due on `today` for a role: T1 once care began, T2 once it ended, T3 `t3Months` after. */
export function dueMoments(t: { begin: CalendarDate; eind: CalendarDate; recorded: readonly string[]; t3Months: number }, today: CalendarDate, role: Role): ('T1' | 'T2' | 'T3')[] {
  const due: ('T1' | 'T2' | 'T3')[] = []
  if (t.begin <= today && !t.recorded.includes('T1')) due.push('T1')
  if (t.eind < today && !t.recorded.includes('T2')) due.push('T2')
  if (role !== 'aanbieder' && addMonths(t.eind, t.t3Months) <= today && !t.recorded.includes('T3')) due.push('T3')
  return due
}
