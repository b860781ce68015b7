import { describe, expect, it } from 'vitest'
import { type ToewijzingForStatus, toewijzingWeergave } from './toewijzing-status.rules.ts'

const t = (over: Partial<ToewijzingForStatus> = {}): ToewijzingForStatus => ({ status: 'actief', ingangsdatum: '2026-01-01', einddatum: '2026-06-30', redenWijziging: null, ...over })

describe('the status of a toewijzing as the client file shows it', () => {
  it('is actief from its first to its last day', () => {
    expect(toewijzingWeergave(t(), '2026-01-01')).toBe('actief')
    expect(toewijzingWeergave(t(), '2026-06-30')).toBe('actief')
    expect(toewijzingWeergave(t({ einddatum: null }), '2030-01-01')).toBe('actief')
  })

  it('is beëindigd once its end date has passed, whatever the stored status says', () => {
    expect(toewijzingWeergave(t(), '2026-07-01')).toBe('beeindigd')
  })

  it('has not begun before its start date', () => {
    expect(toewijzingWeergave(t({ ingangsdatum: '2026-12-01', einddatum: '2027-05-31' }), '2026-11-30')).toBe('nog_niet_begonnen')
  })

  it('is ingetrokken when its last change removed it (RedenWijziging 13), also within its period', () => {
    expect(toewijzingWeergave(t({ redenWijziging: '13' }), '2026-03-01')).toBe('ingetrokken')
    expect(toewijzingWeergave(t({ redenWijziging: '13' }), '2027-03-01')).toBe('ingetrokken')
  })

  it('keeps waiting for approval and refusal as they are', () => {
    expect(toewijzingWeergave(t({ status: 'wacht_op_akkoord' }), '2026-03-01')).toBe('wacht_op_akkoord')
    expect(toewijzingWeergave(t({ status: 'afgewezen' }), '2026-03-01')).toBe('afgewezen')
  })
})
