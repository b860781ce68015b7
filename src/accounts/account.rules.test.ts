import { describe, expect, it } from 'vitest'
import { agreementStatus, checkClose, checkProviderDone, checkRecord, dueStatus, planning } from './account.rules.ts'

describe('the conversation planning', () => {
  it('is due one cadence after the award began when no conversation was held', () => {
    const p = planning([{ segmentId: 1, cadence: 'per_kwartaal', since: '2026-01-01' }], [], [], '2026-02-01')
    expect(p.segments[0]).toMatchObject({ due: '2026-04-01', status: 'op_tijd' })
    expect(p).toMatchObject({ due: '2026-04-01', status: 'op_tijd', lastHeld: null, nextPlanned: null })
  })

  it('is due one cadence after the last held conversation, and overdue the day after', () => {
    const held = ['2025-11-20', '2026-02-10']
    expect(planning([{ segmentId: 1, cadence: 'per_kwartaal', since: '2026-01-01' }], held, [], '2026-05-10')).toMatchObject({ due: '2026-05-10', status: 'binnenkort', lastHeld: '2026-02-10' })
    expect(planning([{ segmentId: 1, cadence: 'per_kwartaal', since: '2026-01-01' }], held, [], '2026-05-11')).toMatchObject({ due: '2026-05-10', status: 'verlopen' })
  })

  it('counts from the award when the last conversation was held before it', () => {
    // Held 2025-06-01, awarded 2025-09-15, half-yearly: due 2026-03-15, not 2025-12-01.
    const p = planning([{ segmentId: 2, cadence: 'halfjaarlijks', since: '2025-09-15' }], ['2025-06-01'], [], '2026-01-01')
    expect(p.segments[0]!.due).toBe('2026-03-15')
  })

  it('takes the strictest segment for the account and keeps each segment its own date', () => {
    const p = planning(
      [
        { segmentId: 1, cadence: 'jaarlijks', since: '2026-01-01' },
        { segmentId: 2, cadence: 'maandelijks', since: '2026-01-01' },
      ],
      ['2026-01-31'],
      ['2026-02-20', '2026-01-05'],
      '2026-02-10',
    )
    // A month after 31 January is the last day of February.
    expect(p.segments.map((s) => s.due)).toEqual(['2027-01-31', '2026-02-28'])
    expect(p).toMatchObject({ due: '2026-02-28', status: 'op_tijd', nextPlanned: '2026-02-20' })
  })

  it('has no due date without a contracted segment', () => {
    expect(planning([], ['2026-01-01'], [], '2026-02-01')).toMatchObject({ due: null, status: null, lastHeld: '2026-01-01' })
  })
})

describe('a due date', () => {
  it('is soon within 14 days, inclusive', () => {
    expect(dueStatus('2026-03-15', '2026-03-01')).toBe('binnenkort')
    expect(dueStatus('2026-03-16', '2026-03-01')).toBe('op_tijd')
    expect(dueStatus('2026-03-01', '2026-03-01')).toBe('binnenkort')
    expect(dueStatus('2026-02-28', '2026-03-01')).toBe('verlopen')
  })
})

describe('an agreement', () => {
  it('is open, due soon, overdue or closed', () => {
    expect(agreementStatus({ dueOn: '2026-06-30', closedOn: null }, '2026-06-01')).toBe('open')
    expect(agreementStatus({ dueOn: '2026-06-10', closedOn: null }, '2026-06-01')).toBe('binnenkort')
    expect(agreementStatus({ dueOn: '2026-05-31', closedOn: null }, '2026-06-01')).toBe('verlopen')
    expect(agreementStatus({ dueOn: '2026-05-31', closedOn: '2026-06-01' }, '2026-06-01')).toBe('gesloten')
  })

  it('closes only with a note, and once', () => {
    expect(() => checkClose({ closedOn: null }, '  ')).toThrow(expect.objectContaining({ reason: 'agreement.note_required' }))
    expect(() => checkClose({ closedOn: '2026-01-01' }, 'klaar')).toThrow(expect.objectContaining({ reason: 'agreement.closed' }))
    expect(() => checkClose({ closedOn: null }, 'Rapportage ontvangen')).not.toThrow()
  })

  it("lets a provider mark only its own part done, with a note", () => {
    expect(() => checkProviderDone({ closedOn: null, party: 'regio', providerDoneOn: null }, 'gedaan')).toThrow(expect.objectContaining({ reason: 'agreement.not_providers_part' }))
    expect(() => checkProviderDone({ closedOn: null, party: 'aanbieder', providerDoneOn: null }, '')).toThrow(expect.objectContaining({ reason: 'agreement.note_required' }))
    expect(() => checkProviderDone({ closedOn: '2026-01-01', party: 'samen', providerDoneOn: null }, 'gedaan')).toThrow(expect.objectContaining({ reason: 'agreement.closed' }))
    expect(() => checkProviderDone({ closedOn: null, party: 'samen', providerDoneOn: null }, 'Plan gestuurd')).not.toThrow()
  })
})

describe('recording a conversation', () => {
  it('needs a planned conversation held by today, not before its period', () => {
    const c = { status: 'gepland' as const, periodFrom: '2026-01-01' }
    expect(() => checkRecord(c, '2026-03-02', '2026-03-01')).toThrow(expect.objectContaining({ reason: 'conversation.held_in_future' }))
    expect(() => checkRecord(c, '2025-12-31', '2026-03-01')).toThrow(expect.objectContaining({ reason: 'conversation.held_before_period' }))
    expect(() => checkRecord({ ...c, status: 'gehouden' }, '2026-02-01', '2026-03-01')).toThrow(expect.objectContaining({ reason: 'conversation.already_held' }))
    expect(() => checkRecord(c, '2026-03-01', '2026-03-01')).not.toThrow()
  })
})
