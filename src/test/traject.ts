/** A traject as the KPI rules take it (kpis/kpi.rules.ts), with defaults a test overrides: one client in segment 100 at provider 10, the first half of 2025. */
import type { Traject } from '../kpis/kpi.rules.ts'

let nextId = 1
export function traject(over: Partial<Traject>): Traject {
  return {
    id: nextId++,
    gemeenteId: 1,
    providerId: 10,
    segmentId: 100,
    wet: 'jeugdwet',
    client: 1,
    begin: '2025-01-01',
    eind: '2025-06-30',
    reden: null,
    perDagCents: 1000,
    aangevraagdOp: null,
    toegewezenOp: null,
    gestartOp: null,
    volgende: null,
    herstart: null,
    doorlopend: false,
    t1: {},
    t2: null,
    t3: null,
    ...over,
  }
}
