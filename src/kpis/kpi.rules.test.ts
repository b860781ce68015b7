import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../shared/dates.ts'
import { type GroupFacts, type MoneyMonth, type Period, type Traject, episodesOf, groupBy, groupFacts, kpiDefinitions, kpiValue, reentered, scaledDown, suppressComplements, switchedProvider } from './kpi.rules.ts'
import { traject } from '../test/traject.ts'

const t2 = (over: Partial<NonNullable<Traject['t2']>> = {}): NonNullable<Traject['t2']> => ({ gemetenOp: '2025-07-01', doelen: [], zelfredzaamheid: {}, tevredenheid: null, zonderHulp: null, vervolg: null, ...over })

const year2025: Period = { from: '2025-01-01', to: '2025-12-31' }
const peildatum = '2026-11-27'
const value = (g: GroupFacts, code: (typeof kpiDefinitions)[number]['code'], p: Period = year2025) => kpiValue(code, g, p, peildatum)

describe('KPIs, computed by hand', () => {
  // Six clients of one provider in one segment, 2025:
  //  1: 2024-10-01 – 2025-03-31 then a verlenging 2025-04-01 – 2025-09-30 (one episode), ended 31 volgens plan
  //  2: 2025-02-01 – 2025-04-30, voortijdig (33), new care 2025-09-01 (re-entry)
  //  3: 2025-03-01 – 2025-05-31, volgens plan, next toewijzing cheaper from 2025-06-10 (afgeschaald)
  //  4: 2025-05-01 – 2026-04-30, still in care at the end of 2025
  //  5: 2025-06-01 – 2025-08-31, voortijdig (32), switched to provider 11 in the same segment from 2025-09-05
  //  6: 2025-11-01 – 2026-02-28, 315 received 2025-10-01, toegewezen 2025-10-11, started 2025-11-03
  const facts = groupFacts(
    [
      traject({ client: 1, begin: '2024-10-01', eind: '2025-03-31', reden: '37', doorlopend: true }),
      traject({ client: 1, begin: '2025-04-01', eind: '2025-09-30', reden: '31', t2: t2({ doelen: [{ doel: 0, resultaat: 'behaald' }], tevredenheid: 5, zonderHulp: 'ja', zelfredzaamheid: { ontwikkeling: 4 } }), t1: { ontwikkeling: 2 } }),
      traject({ client: 2, begin: '2025-02-01', eind: '2025-04-30', reden: '33', herstart: '2025-09-01', t2: t2({ doelen: [{ doel: 0, resultaat: 'niet' }], tevredenheid: 2, zonderHulp: 'nee' }) }),
      traject({ client: 2, begin: '2025-09-01', eind: '2026-02-28' }),
      traject({ client: 3, begin: '2025-03-01', eind: '2025-05-31', reden: '31', perDagCents: 2000, herstart: '2025-06-10', volgende: { begin: '2025-06-10', providerId: 10, segmentId: 100, perDagCents: 800 }, t2: t2({ doelen: [{ doel: 0, resultaat: 'behaald' }, { doel: 1, resultaat: 'deels' }], tevredenheid: 4 }), t1: { participatie: 3 } }),
      traject({ client: 3, begin: '2025-06-10', eind: '2025-12-09', perDagCents: 800 }),
      traject({ client: 4, begin: '2025-05-01', eind: '2026-04-30' }),
      traject({ client: 5, begin: '2025-06-01', eind: '2025-08-31', reden: '32', herstart: '2025-09-05', volgende: { begin: '2025-09-05', providerId: 11, segmentId: 100, perDagCents: 1000 } }),
      traject({ client: 6, begin: '2025-11-03', eind: '2026-02-28', aangevraagdOp: '2025-10-01', toegewezenOp: '2025-10-11', gestartOp: '2025-11-03' }),
    ],
    [
      { gemeenteId: 1, providerId: 10, segmentId: 100, maand: '2025-01-01', realisedCents: 600_000, verplichtingCents: 800_000 },
      { gemeenteId: 1, providerId: 10, segmentId: 100, maand: '2025-07-01', realisedCents: 400_000, verplichtingCents: 450_000 },
      { gemeenteId: 1, providerId: 10, segmentId: 100, maand: '2026-01-01', realisedCents: 999_999, verplichtingCents: 999_999 },
    ],
  )

  it('counts clients, not toewijzingen, and a verlenging is no outflow', () => {
    // Episodes: c1 2024-10-01–2025-09-30; c2 2025-02-01–04-30 and 2025-09-01–2026-02-28; c3 2025-03-01–05-31 and 06-10–12-09;
    // c4 2025-05-01–2026-04-30; c5 2025-06-01–08-31; c6 2025-11-03–2026-02-28.
    expect(value(facts, 'in_zorg').waarde).toBe(6)
    expect(value(facts, 'in_zorg_begin').waarde).toBe(null) // 1 client: suppressed
    expect(value(facts, 'in_zorg_begin').onderdrukt).toBe(true)
    expect(value(facts, 'instroom').waarde).toBe(7) // c2 ×2, c3 ×2, c4, c5, c6
    expect(value(facts, 'uitstroom').waarde).toBe(5) // c1, c2 (Apr), c3 (May), c3 (Dec), c5
    expect(value(facts, 'in_zorg_einde').waarde).toBe(null) // c2, c4, c6: 3, suppressed
    expect(value(facts, 'trajecten').waarde).toBe(9)
  })

  it('measures duration over the episodes that ended', () => {
    // c1 365 days (2024-10-01 – 2025-09-30), c2 89, c3 92 and 183, c5 92
    expect(value(facts, 'duur_gemiddeld').waarde).toBe(164.2) // 821 / 5
    expect(value(facts, 'duur_mediaan').waarde).toBe(92)
  })

  it('judges how care ended from the 307 reason, leaving out a wijzigingsverzoek', () => {
    // Ended in 2025 with a reason: c1's first (37, not judged), c1 31, c2 33, c3 31, c5 32 → 4 judged
    expect(value(facts, 'volgens_plan')).toEqual({ waarde: null, n: null, onderdrukt: true })
    const more = groupFacts([...facts.trajecten, traject({ client: 7, begin: '2025-01-01', eind: '2025-02-28', reden: '31' })], facts.geld)
    expect(value(more, 'volgens_plan').waarde).toBe(60) // 3 of 5
    expect(value(more, 'uitval').waarde).toBe(40) // 2 of 5
  })

  it('takes money from the months of the period, and cost per client over clients in care', () => {
    expect(value(facts, 'kosten').waarde).toBe(1_000_000)
    expect(value(facts, 'verplichting').waarde).toBe(1_250_000)
    expect(value(facts, 'benutting').waarde).toBe(80)
    expect(value(facts, 'kosten_per_client').waarde).toBe(166_667) // 1,000,000 / 6, rounded
  })

  it('knows afschaling, switches and re-entry from the follow-up', () => {
    const [c1, , c2] = facts.trajecten
    expect(reentered(c2!, peildatum)).toBe(true)
    expect(reentered(c1!, peildatum)).toBe(null) // care went on
    expect(scaledDown(facts.trajecten[4]!)).toBe(true)
    // A follow-up a few percent cheaper per day is the same help, not lighter help.
    expect(scaledDown({ ...facts.trajecten[4]!, volgende: { ...facts.trajecten[4]!.volgende!, perDagCents: 1900 } })).toBe(false)
    expect(scaledDown({ ...facts.trajecten[4]!, volgende: { ...facts.trajecten[4]!.volgende!, perDagCents: 1800 } })).toBe(true)
    expect(scaledDown({ ...facts.trajecten[7]!, t2: t2({ vervolg: 'voorliggend' }) })).toBe(true)
    expect(switchedProvider(facts.trajecten[7]!)).toBe(true)
    expect(value(facts, 'wisselingen').waarde).toBe(null) // 1: suppressed
    // Ended in 2025: c1 (37), c1, c2, c3, c3', c5 → 6; afgeschaald: c3 → 16.7 %
    expect(value(facts, 'afschaling').waarde).toBe(16.7)
    // A follow-up within 31 days is the next step, not new help: c1, c3 and c5 went on. Known: c1's second
    // (12 months passed without new care) and c2 (new care after 4 months); c3's second is not known yet.
    expect(reentered(facts.trajecten[4]!, peildatum)).toBe(null)
    expect(kpiDefinitions.find((k) => k.code === 'heraanmelding')!.measure(facts, year2025, peildatum)).toEqual({ waarde: 50, n: 2 })
    expect(value(facts, 'heraanmelding').onderdrukt).toBe(true)
  })

  it('waits for 12 months before it counts a traject as not re-entered', () => {
    const recent = traject({ eind: '2026-09-30' })
    expect(reentered(recent, peildatum)).toBe(null)
    expect(reentered({ ...recent, herstart: '2026-11-15' }, peildatum)).toBe(true)
  })

  it('reads outcomes from T2 (and T3 for going on without help)', () => {
    // T2 with goals: c1 (all behaald), c2 (niet), c3 (behaald + deels) → 1 of 3: suppressed (3 < 5)
    expect(value(facts, 'doelrealisatie').onderdrukt).toBe(true)
    const five = groupFacts(
      [1, 2, 3, 4, 5].map((c) => traject({ client: c, eind: '2025-06-30', t1: { adl: 2 }, t2: t2({ doelen: [{ doel: 0, resultaat: c <= 2 ? 'behaald' : 'deels' }], tevredenheid: c, zonderHulp: c === 5 ? 'ja' : 'nee', zelfredzaamheid: { adl: 2 + (c % 3) } }), t3: c === 4 ? t2({ zonderHulp: 'ja' }) : null })),
      [],
    )
    expect(value(five, 'doelrealisatie').waarde).toBe(40)
    expect(value(five, 'tevredenheid').waarde).toBe(40) // scores 4 and 5
    expect(value(five, 'zonder_hulp').waarde).toBe(40) // c5 at T2, c4 at T3
    expect(value(five, 'zelfredzaamheid').waarde).toBe(1.2) // growth 1, 2, 0, 1, 2
  })

  it('measures waiting times as medians in calendar days', () => {
    const waits = groupFacts(
      [0, 5, 10, 20, 40].map((d, i) => traject({ client: i + 1, aangevraagdOp: '2025-03-01', toegewezenOp: addDays('2025-03-01', d), gestartOp: addDays('2025-03-01', d + i) })),
      [],
    )
    expect(value(waits, 'wachttijd_toewijzing').waarde).toBe(10)
    expect(value(waits, 'wachttijd_start').waarde).toBe(2) // 0, 1, 2, 3, 4
  })

  /**
   * A budget figure (ADR 0043): which clients the facts hold must not change it, or a page whose
   * facts leave out the clients whose care ended before the period (loadKpiFacts' `measured`)
   * would show another share than one that reads them all. The first pair fails on the rule
   * before ADR 0043, which added the wetten of the group's trajecten: 40 % with the Wmo traject.
   */
  it('takes the voorliggend share from the budgets alone: a line counts only beside a maatwerk budget of its gemeente and wet in the period', () => {
    const jeugd = [
      { gemeenteId: 1, segmentId: 100, wet: 'jeugdwet' as const, jaar: 2025, cents: 9_000_000_00 },
      { gemeenteId: 1, segmentId: null, wet: 'jeugdwet' as const, jaar: 2025, cents: 1_000_000_00 },
    ]
    const wmoLine = { gemeenteId: 1, segmentId: null, wet: 'wmo' as const, jaar: 2025, cents: 5_000_000_00 }
    const wmoTraject = traject({ client: 1, segmentId: 101, wet: 'wmo', begin: '2025-03-01', eind: '2025-10-31', reden: '19' })
    // 2025: 1,000,000 / (1,000,000 + 9,000,000), with or without Wmo care: no Wmo maatwerk budget beside the Wmo line.
    expect(value(groupFacts([], [], [...jeugd, wmoLine]), 'aandeel_voorliggend').waarde).toBe(10)
    expect(value(groupFacts([wmoTraject], [], [...jeugd, wmoLine]), 'aandeel_voorliggend').waarde).toBe(10)

    // Wmo maatwerk in 2024 only: the Wmo line of 2025 counts over a period that holds both years.
    const budgetten = [...jeugd, wmoLine, { gemeenteId: 1, segmentId: 101, wet: 'wmo' as const, jaar: 2024, cents: 3_000_000_00 }]
    expect(value(groupFacts([], [], budgetten), 'aandeel_voorliggend').waarde).toBe(10)
    expect(value(groupFacts([], [], budgetten), 'aandeel_voorliggend', { from: '2024-01-01', to: '2024-12-31' }).waarde).toBe(0)
    // July 2024 – June 2025: Jeugd 500,000 beside 4,500,000, Wmo 2,500,000 beside 1,500,000: 3,000,000 / 9,000,000.
    expect(value(groupFacts([], [], budgetten), 'aandeel_voorliggend', { from: '2024-07-01', to: '2025-06-30' }).waarde).toBe(33.3)

    // Another gemeente's Jeugd line needs its own Jeugd maatwerk (a group of a segment over all gemeenten); a budget of 0 is none.
    const otherGemeente = { gemeenteId: 2, segmentId: null, wet: 'jeugdwet' as const, jaar: 2025, cents: 2_000_000_00 }
    expect(value(groupFacts([], [], [...jeugd, otherGemeente]), 'aandeel_voorliggend').waarde).toBe(10)
    expect(value(groupFacts([], [], [...jeugd, otherGemeente, { ...jeugd[0]!, gemeenteId: 2, cents: 0 }]), 'aandeel_voorliggend').waarde).toBe(10)
    // Without any maatwerk budget: no share, not 100 %.
    expect(value(groupFacts([wmoTraject], [], [wmoLine]), 'aandeel_voorliggend').waarde).toBeNull()
  })
})

describe('KPI properties', () => {
  // Few clients, and days and lengths from a few weeks as often as from years, so that one client's trajecten often touch and trajecten often begin or end on a period's first or last day.
  const dayArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 900 })).map((n) => addDays('2024-01-01', n))
  const lengthArb = (max: number) => fc.oneof(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max }))
  const trajectArb = fc.record({ client: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 })), provider: fc.integer({ min: 10, max: 12 }), segment: fc.integer({ min: 100, max: 101 }), begin: dayArb, length: lengthArb(400) })
  const periodArb = fc.tuple(dayArb, lengthArb(500)).map(([from, n]): Period => ({ from, to: addDays(from, n) }))
  const build = (xs: { client: number; provider: number; segment: number; begin: string; length: number }[]) => xs.map((x) => traject({ client: x.client, providerId: x.provider, segmentId: x.segment, begin: x.begin, eind: addDays(x.begin, x.length) }))
  const raw = (g: GroupFacts, code: (typeof kpiDefinitions)[number]['code'], p: Period) => kpiDefinitions.find((k) => k.code === code)!.measure(g, p, peildatum).waarde!

  /**
   * Mutation that fails it (tried): `e.eind >= p.to` in `in_zorg_einde` (care that ends on the last
   * day counted as still running).
   */
  it('inflow − outflow equals the change in clients in care, in every group and over any period', () => {
    fc.assert(
      fc.property(fc.array(trajectArb, { maxLength: 40 }), periodArb, fc.subarray(['segment', 'provider', 'gemeente'] as const), (xs, p, dims) => {
        for (const { facts: g } of groupBy(build(xs), [], dims)) {
          expect(raw(g, 'instroom', p) - raw(g, 'uitstroom', p)).toBe(raw(g, 'in_zorg_einde', p) - raw(g, 'in_zorg_begin', p))
          // Everyone in care during the period was there at its start or came in.
          expect(raw(g, 'in_zorg', p)).toBeLessThanOrEqual(raw(g, 'in_zorg_begin', p) + raw(g, 'instroom', p))
        }
      }),      // Care that ends on the period's last day is a small share of the inputs: more runs find it every time.
      { numRuns: 1000 },
    )
  })

  /**
   * Mutation that fails it (tried): `e.begin <= p.from` in `in_zorg_begin` (care that begins on the
   * first day counted as already running).
   */
  it("the end of one period is the start of the next", () => {
    fc.assert(
      fc.property(fc.array(trajectArb, { maxLength: 40 }), periodArb, (xs, p) => {
        const g = groupFacts(build(xs), [])
        const next: Period = { from: addDays(p.to, 1), to: addDays(p.to, 30) }
        expect(raw(g, 'in_zorg_einde', p)).toBe(raw(g, 'in_zorg_begin', next))
      }),
    )
  })

  /**
   * Mutation that fails it (tried): `t.begin <= current.eind` in `episodesOf` (touching trajecten
   * not joined into one episode).
   */
  it('splits into episodes that never overlap or touch for one client', () => {
    fc.assert(
      fc.property(fc.array(trajectArb, { maxLength: 40 }), (xs) => {
        const episodes = episodesOf(build(xs)).sort((a, b) => a.client - b.client || a.begin.localeCompare(b.begin))
        for (let i = 1; i < episodes.length; i++) {
          if (episodes[i]!.client === episodes[i - 1]!.client) expect(episodes[i]!.begin > addDays(episodes[i - 1]!.eind, 1)).toBe(true)
        }
      }),
      // Touching trajecten of one client are a small share of the inputs: more runs find them every time.
      { numRuns: 1000 },
    )
  })

  /**
   * A group formed once is measured over many periods (a page: the period and eight quarters);
   * what the KPIs of one period share is formed once per group and period (issue 19 §5). Each
   * period's figures must equal those of a group formed afresh for that period alone.
   * Mutation that fails it (tried): the shared values keyed by `p.from` only. With money and
   * budgets, so that the sums of a period's months and the voorliggend share are covered too.
   */
  it('measures a group over many periods as a freshly formed group per period', () => {
    const richArb = fc.record({
      x: trajectArb,
      reden: fc.constantFrom(null, '31', '32', '35', '02', '37', '19', '21'),
      next: fc.option(fc.record({ after: fc.integer({ min: -5, max: 40 }), provider: fc.integer({ min: 10, max: 12 }), perDag: fc.integer({ min: 500, max: 1500 }) })),
      herstart: fc.option(fc.integer({ min: 1, max: 500 })),
      doorlopend: fc.boolean(),
      tevredenheid: fc.option(fc.integer({ min: 1, max: 5 })),
    })
    const geldArb = fc.record({ month: fc.integer({ min: 0, max: 47 }), segment: fc.integer({ min: 100, max: 101 }), realised: fc.integer({ min: -50_000, max: 900_000 }), verplichting: fc.integer({ min: 0, max: 900_000 }) })
    const budgetArb = fc.record({ segmentId: fc.constantFrom(null, 100), wet: fc.constantFrom('jeugdwet' as const, 'wmo' as const), jaar: fc.integer({ min: 2024, max: 2027 }), cents: fc.integer({ min: 0, max: 9_000_000 }) })
    fc.assert(
      fc.property(fc.array(richArb, { maxLength: 40 }), fc.array(periodArb, { minLength: 2, maxLength: 6 }), fc.array(geldArb, { maxLength: 30 }), fc.array(budgetArb, { maxLength: 6 }), (xs, periods, months, budgets) => {
        const trajecten = xs.map(({ x, reden, next, herstart, doorlopend, tevredenheid }) => {
          const eind = addDays(x.begin, x.length)
          return traject({
            client: x.client, providerId: x.provider, segmentId: x.segment, begin: x.begin, eind, reden, doorlopend,
            volgende: next === null ? null : { begin: addDays(eind, next.after), providerId: next.provider, segmentId: x.segment, perDagCents: next.perDag },
            herstart: herstart === null ? null : addDays(eind, herstart),
            t2: tevredenheid === null ? null : t2({ tevredenheid, doelen: [{ doel: 0, resultaat: tevredenheid > 3 ? 'behaald' : 'niet' }] }),
          })
        })
        const geld: MoneyMonth[] = months.map((m) => ({ gemeenteId: 1, providerId: 10, segmentId: m.segment, maand: `${2024 + Math.floor(m.month / 12)}-${String((m.month % 12) + 1).padStart(2, '0')}-01`, realisedCents: m.realised, verplichtingCents: m.verplichting }))
        const budgetten = budgets.map((b) => ({ ...b, gemeenteId: 1 }))
        const once = groupFacts(trajecten, geld, budgetten)
        for (const p of periods) {
          const fresh = groupFacts(trajecten, geld, budgetten)
          for (const k of kpiDefinitions) expect([k.code, k.measure(once, p, peildatum)]).toEqual([k.code, k.measure(fresh, p, peildatum)])
        }
      }),
    )
  })

  /**
   * Mutation that fails it (tried): `m.n < SUPPRESSION_THRESHOLD - 1` in `kpiValue` (a figure of 4
   * shown).
   */
  it('never shows a figure that rests on 1 to 4 clients', () => {
    fc.assert(
      fc.property(fc.array(trajectArb, { maxLength: 12 }), periodArb, (xs, p) => {
        const g = groupFacts(build(xs), [] as MoneyMonth[])
        for (const k of kpiDefinitions) {
          const v = kpiValue(k.code, g, p, peildatum)
          const m = k.measure(g, p, peildatum)
          if (m.n !== null && m.n > 0 && m.n < 5) expect(v).toEqual({ waarde: null, n: null, onderdrukt: true })
        }
      }),
    )
  })
})

describe('the KPI documentation', () => {
  it('states every definition as the code does (docs/uitkomsten.md)', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/uitkomsten.md'), 'utf8')
    for (const k of kpiDefinitions) expect(doc).toContain(`| \`${k.code}\` | ${k.naam} |`)
    for (const k of kpiDefinitions) expect(doc).toContain(`| ${k.doc} |`)
  })
})

describe('secondary suppression', () => {
  const shown = (waarde: number, n: number | null = waarde) => ({ waarde, n, onderdrukt: false })
  const hidden = { waarde: null, n: null, onderdrukt: true }

  it('hides every figure about the people of a group whose clients in care are fewer than 5, so "< 5" never stands beside "uitstroom 5"', () => {
    // 4 clients, one of whom ended care twice: 5 endings.
    const values = { in_zorg: hidden, uitstroom: shown(5), instroom: shown(0), trajecten: shown(6), uitval: shown(20, 5), kosten: shown(1_000_00, null) }
    expect(suppressComplements(values)).toEqual({ in_zorg: hidden, uitstroom: hidden, instroom: shown(0), trajecten: hidden, uitval: hidden, kosten: shown(1_000_00, null) })
  })

  it('hides a second figure of the flow when one is hidden, so that begin + instroom = uitstroom + einde cannot give it back', () => {
    // 20 + 3 = 8 + 15: instroom (3) would follow from the other three.
    const values = { in_zorg: shown(23), in_zorg_begin: shown(20), instroom: hidden, uitstroom: shown(8), in_zorg_einde: shown(15) }
    expect(suppressComplements(values)).toEqual({ ...values, uitstroom: hidden })
  })

  it('leaves the figures alone when nothing or two of the flow are hidden', () => {
    const none = { in_zorg: shown(30), in_zorg_begin: shown(20), instroom: shown(10), uitstroom: shown(8), in_zorg_einde: shown(22) }
    expect(suppressComplements(none)).toEqual(none)
    const two = { in_zorg: shown(23), in_zorg_begin: shown(20), instroom: hidden, uitstroom: hidden, in_zorg_einde: shown(20) }
    expect(suppressComplements(two)).toEqual(two)
  })
})
