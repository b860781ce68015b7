/** The start and stop rules as pure functions over a product's ledger (no database). */
import { describe, expect, it } from 'vitest'
import { type LedgerStart, judgeStart, judgeStartRemoval, judgeStop, judgeStopRemoval } from './start-stop.rules.ts'

const started = (begindatum: string, ...stops: Array<[string, string]>): LedgerStart => ({ id: Number(begindatum.replace(/-/g, '')), begindatum, stops: stops.map(([einddatum, reden], i) => ({ id: i + 1, einddatum, reden })) })
const rules = (problems: { rule: string; retourcode: string }[]) => problems.map((p) => `${p.rule} ${p.retourcode}`)

describe('judgeStart', () => {
  it('TR326 (9326): refuses a start while another is current, allows one after a temporary or definitive stop (OP379)', () => {
    expect(rules(judgeStart([started('2027-01-04')], '2027-01-11'))).toEqual(['TR326 9326'])
    expect(rules(judgeStart([started('2027-01-04', ['2027-01-08', '20'])], '2027-01-11'))).toEqual([])
    expect(rules(judgeStart([started('2027-01-04', ['2027-01-08', '31'])], '2027-01-11'))).toEqual([])
  })
  it('TR074 (9074): refuses a key already received', () => {
    expect(rules(judgeStart([started('2027-01-04', ['2027-01-08', '20'])], '2027-01-04'))).toEqual(['TR074 9074'])
  })
})

describe('judgeStartRemoval', () => {
  it('TR063 (9063) when no start has the key, TR071 (9071) when it was stopped, else the start', () => {
    expect(judgeStartRemoval([], '2027-01-04')).toMatchObject({ problem: { rule: 'TR063', retourcode: '9063' } })
    expect(judgeStartRemoval([started('2027-01-04', ['2027-01-08', '20'])], '2027-01-04')).toMatchObject({ problem: { rule: 'TR071', retourcode: '9071' } })
    expect(judgeStartRemoval([started('2027-01-04')], '2027-01-04')).toMatchObject({ start: { begindatum: '2027-01-04' } })
  })
})

describe('judgeStop', () => {
  const stop = (begindatum: string, einddatum: string, reden: string) => ({ begindatum, einddatum, reden })
  it('TR382 (9069): a stop names a received start', () => {
    expect(judgeStop([started('2027-01-04')], stop('2027-01-05', '2027-01-08', '31'))).toMatchObject({ start: null, problems: [{ rule: 'TR382', retourcode: '9069' }] })
    expect(judgeStop([started('2027-01-04')], stop('2027-01-04', '2027-01-08', '31')).problems).toEqual([])
  })
  it('TR413, TR414, TR415: one temporary stop, then a definitive one no earlier, then nothing', () => {
    const temporary = [started('2027-01-04', ['2027-01-08', '20'])]
    expect(rules(judgeStop(temporary, stop('2027-01-04', '2027-01-09', '20')).problems)).toEqual(['TR413 9413'])
    expect(rules(judgeStop(temporary, stop('2027-01-04', '2027-01-07', '31')).problems)).toEqual(['TR414 9414'])
    expect(rules(judgeStop(temporary, stop('2027-01-04', '2027-01-08', '31')).problems)).toEqual([])
    const definitive = [started('2027-01-04', ['2027-01-08', '31'])]
    expect(rules(judgeStop(definitive, stop('2027-01-04', '2027-01-09', '32')).problems)).toEqual(['TR415 9415'])
  })
  it('TR074 (9074): the same key (with Einddatum and RedenBeeindiging) again', () => {
    expect(rules(judgeStop([started('2027-01-04', ['2027-01-08', '31'])], stop('2027-01-04', '2027-01-08', '31')).problems)).toEqual(['TR074 9074', 'TR415 9415'])
  })
})

describe('judgeStopRemoval', () => {
  it('TR063 (9063): removes only a stop with the same Begindatum, Einddatum and RedenBeeindiging', () => {
    const ledger = [started('2027-01-04', ['2027-01-08', '20'])]
    expect(judgeStopRemoval(ledger, { begindatum: '2027-01-04', einddatum: '2027-01-08', reden: '20' })).toMatchObject({ stop: { id: 1 } })
    expect(judgeStopRemoval(ledger, { begindatum: '2027-01-04', einddatum: '2027-01-09', reden: '20' })).toMatchObject({ problem: { rule: 'TR063', retourcode: '9063' } })
    expect(judgeStopRemoval(ledger, { begindatum: '2027-01-04', einddatum: '2027-01-08', reden: '31' })).toMatchObject({ problem: { rule: 'TR063', retourcode: '9063' } })
  })
})
