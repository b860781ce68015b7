/**
 * What a toewijzing is on a given day, for the client file (issue 18 §5): the stored status says
 * only whether it was granted (`actief`), not whether its period has passed — a toewijzing that
 * ended last year read "actief". Pure; the dates decide, after the status and the reason of the
 * last change (RedenWijziging 13, "Verwijderd": withdrawn).
 */
import type { CalendarDate } from '../shared/dates.ts'

export type ToewijzingWeergave = 'actief' | 'beeindigd' | 'nog_niet_begonnen' | 'ingetrokken' | 'wacht_op_akkoord' | 'afgewezen'

export const toewijzingWeergaveLabel: Record<ToewijzingWeergave, string> = {
  actief: 'actief',
  beeindigd: 'beëindigd',
  nog_niet_begonnen: 'nog niet begonnen',
  ingetrokken: 'ingetrokken',
  wacht_op_akkoord: 'wacht op akkoord (uitzondering)',
  afgewezen: 'afgewezen',
}

export interface ToewijzingForStatus {
  status: 'wacht_op_akkoord' | 'actief' | 'afgewezen'
  ingangsdatum: CalendarDate
  /** null: open-ended. */
  einddatum: CalendarDate | null
  redenWijziging: string | null
}

/** The toewijzing's status as a person reads it on `today`. */
export function toewijzingWeergave(t: ToewijzingForStatus, today: CalendarDate): ToewijzingWeergave {
  if (t.status === 'afgewezen') return 'afgewezen'
  if (t.redenWijziging === '13') return 'ingetrokken'
  if (t.status === 'wacht_op_akkoord') return 'wacht_op_akkoord'
  if (t.einddatum !== null && t.einddatum < today) return 'beeindigd'
  if (t.ingangsdatum > today) return 'nog_niet_begonnen'
  return 'actief'
}
