/**
 * The client file for the lokaal team: who the client is (never the BSN in the answer), the
 * beschikkingen, every toewijzing with all its versions, the provider's starts and stops,
 * the requests, and one timeline. Every look is written to the audit log (AVG: who saw whose
 * file, when), as is every search by BSN.
 */
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { auditReads } from '../auth/audit.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { type CalendarDate, today as todayInNl } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { formatDate } from '../shared/format-nl.ts'
import { toewijzingWeergave } from './toewijzing-status.rules.ts'
import { clientSearchSchema } from './client.schema.ts'

const audit = (trx: ScopedDb, actor: Actor, action: string, subjectId: number | null, gemeenteId: number | null, clientPseudonym: string | null) =>
  auditReads(trx, actor, [{ action, subjectType: 'client', subjectId, gemeenteId, clientPseudonym }])

export interface ClientSummary {
  id: number
  pseudonym: string
  name: string
  birthDate: string
}

/** How a client is named on screen: "JP van den Berg". */
export const displayName = (c: { initials: string; name_prefix: string; family_name: string }) => [c.initials, c.name_prefix, c.family_name].filter(Boolean).join(' ') || '(naam onbekend)'


/** Finds a client of the own gemeente by BSN (sent in the body, never in a URL); audited. */
export async function findClientByBsn(trx: ScopedDb, actor: Actor, raw: z.input<typeof clientSearchSchema>): Promise<ClientSummary | null> {
  const { bsn } = clientSearchSchema.parse(raw)
  let q = trx.selectFrom('client').select(['id', 'pseudonym', 'initials', 'name_prefix', 'family_name', 'birth_date', 'gemeente_id']).where('bsn', '=', bsn)
  if (actor.gemeenteId !== null) q = q.where('gemeente_id', '=', actor.gemeenteId)
  // One record per gemeente (migration 0015): across the region (the toezichthouder) the latest registration.
  const c = await q.orderBy('id', 'desc').executeTakeFirst()
  await audit(trx, actor, 'client.search', c?.id ?? null, actor.gemeenteId, c?.pseudonym ?? null)
  return c ? { id: c.id, pseudonym: c.pseudonym, name: displayName(c), birthDate: c.birth_date } : null
}

export interface TimelineEvent {
  date: string
  kind: 'beschikking' | 'toewijzing' | 'wijziging' | 'verzoek' | 'start' | 'stop' | 'bericht' | 'uitkomst' | 'pgb'
  text: string
}

export async function clientFile(trx: ScopedDb, actor: Actor, clientId: number, today: CalendarDate = todayInNl()) {
  const c = await trx.selectFrom('client').select(['id', 'pseudonym', 'initials', 'name_prefix', 'family_name', 'birth_date', 'gemeente_id', 'wijk_code', 'gender']).where('id', '=', clientId).executeTakeFirst()
  if (!c || (actor.gemeenteId !== null && c.gemeente_id !== actor.gemeenteId)) throw new AppError('client.not_found', 'client not found')
  await audit(trx, actor, 'client.view', c.id, c.gemeente_id, c.pseudonym)
  const [beschikkingen, toewijzingen, versions, starts, stops, requests, measurements, pgbs] = await Promise.all([
    trx.selectFrom('beschikking').selectAll().where('client_id', '=', c.id).orderBy('id').execute(),
    trx
      .selectFrom('toewijzing as t')
      .innerJoin('product as p', 'p.id', 't.product_id')
      .innerJoin('provider as a', 'a.id', 't.provider_id')
      .innerJoin('segment as s', 's.id', 't.segment_id')
      .selectAll('t')
      .select(['p.name as product_name', 'p.productcategorie', 'p.productcode', 'a.name as provider_name', 's.name as segment_name'])
      .where('t.client_id', '=', c.id)
      .orderBy('t.toewijzing_nummer')
      .execute(),
    trx.selectFrom('toewijzing_version as v').innerJoin('toewijzing as t', 't.id', 'v.toewijzing_id').selectAll('v').select('t.toewijzing_nummer').where('t.client_id', '=', c.id).orderBy('v.id').execute(),
    trx.selectFrom('care_start').selectAll().where('client_id', '=', c.id).orderBy('id').execute(),
    trx.selectFrom('care_stop').selectAll().where('client_id', '=', c.id).orderBy('id').execute(),
    trx.selectFrom('care_request as r').innerJoin('provider as a', 'a.id', 'r.provider_id').select(['r.id', 'r.kind', 'r.referentie_aanbieder', 'r.status', 'r.received_on', 'r.reden_afwijzing', 'a.name as provider_name']).where('r.client_id', '=', c.id).orderBy('r.id').execute(),
    trx.selectFrom('uitkomst_meting').select(['toewijzing_id', 'moment', 'gemeten_op', 'bron', 'doelen', 'tevredenheid', 'zonder_hulp']).where('client_id', '=', c.id).orderBy('id').execute(),
    // OP043: pgb's beside the toewijzingen (migration 0014).
    trx.selectFrom('pgb_toekenning').select(['id', 'wet', 'productcategorie', 'productcode', 'ingangsdatum', 'einddatum', 'budget_cents', 'toelichting']).where('client_id', '=', c.id).orderBy('ingangsdatum').orderBy('id').execute(),
  ])
  const nummerOf = new Map(toewijzingen.map((t) => [t.id, t.toewijzing_nummer]))
  // Built in the order things happen on one day (request, decision, start, stop); the sort is stable.
  const timeline: TimelineEvent[] = [
    ...requests.map((r) => ({ date: r.received_on, kind: 'verzoek' as const, text: `Verzoek ${r.kind} ${r.referentie_aanbieder} van ${r.provider_name}: ${r.status}` })),
    ...beschikkingen.map((b) => ({ date: b.issued_on, kind: 'beschikking' as const, text: `Beschikking ${b.beschikking_nummer} (${b.perspective}, ${b.complexity}, ${b.intensity})` })),
    ...versions.map((v) => ({
      date: v.toewijzing_datum,
      kind: v.version === 1 ? ('toewijzing' as const) : ('wijziging' as const),
      text: v.version === 1 ? `Toewijzing ${v.toewijzing_nummer} ${formatDate(v.ingangsdatum)} t/m ${formatDate(v.einddatum)}${v.status === 'wacht_op_akkoord' ? ' (uitzondering, wacht op akkoord)' : ''}` : `Toewijzing ${v.toewijzing_nummer} versie ${v.version}: ${v.reden_wijziging ? `reden ${v.reden_wijziging}, ` : ''}${formatDate(v.ingangsdatum)} t/m ${formatDate(v.einddatum)}${v.note ? ` — ${v.note}` : ''}`,
    })),
    ...pgbs.map((p) => ({ date: p.ingangsdatum, kind: 'pgb' as const, text: `Pgb ${p.productcategorie}${p.productcode ? `/${p.productcode}` : ''} ${formatDate(p.ingangsdatum)} t/m ${formatDate(p.einddatum)}` })),
    ...starts.map((s) => ({ date: s.begindatum, kind: 'start' as const, text: `Start zorg op toewijzing ${nummerOf.get(s.toewijzing_id)}${s.removed_by_message_id ? ' (later verwijderd)' : ''}` })),
    ...stops.map((s) => ({ date: s.einddatum, kind: 'stop' as const, text: `Stop zorg op toewijzing ${nummerOf.get(s.toewijzing_id)}, reden ${s.reden_beeindiging}${s.removed_by_message_id ? ' (later verwijderd)' : ''}` })),
    // Outcome measurements (issue 7): what was reached, in the words of the form.
    ...measurements.map((m) => ({
      date: m.gemeten_op,
      kind: 'uitkomst' as const,
      text: [
        `Meting ${m.moment} op toewijzing ${nummerOf.get(m.toewijzing_id)} door ${m.bron === 'aanbieder' ? 'de aanbieder' : 'het lokale team'}`,
        m.doelen.length > 0 ? `doelen: ${m.doelen.map((d) => d.resultaat).join(', ')}` : null,
        m.tevredenheid !== null ? `tevredenheid ${m.tevredenheid}` : null,
        m.zonder_hulp !== null ? `zonder hulp verder: ${m.zonder_hulp}` : null,
      ].filter(Boolean).join('; '),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date))
  return {
    client: { id: c.id, pseudonym: c.pseudonym, name: displayName(c), birthDate: c.birth_date, gender: c.gender, wijkCode: c.wijk_code, gemeenteId: c.gemeente_id },
    beschikkingen: beschikkingen.map((b) => ({ id: b.id, nummer: b.beschikking_nummer, wet: b.wet, perspective: b.perspective, complexity: b.complexity, intensity: b.intensity, goals: b.goals, justification: b.justification, issuedOn: b.issued_on })),
    toewijzingen: toewijzingen.map((t) => ({
      id: t.id,
      nummer: t.toewijzing_nummer,
      wet: t.wet,
      status: t.status,
      weergave: toewijzingWeergave({ status: t.status, ingangsdatum: t.ingangsdatum, einddatum: t.einddatum, redenWijziging: t.reden_wijziging }, today),
      product: `${t.product_name} (${t.productcategorie}${t.productcode ? `/${t.productcode}` : ''})`,
      providerId: t.provider_id,
      providerName: t.provider_name,
      segmentName: t.segment_name,
      ingangsdatum: t.ingangsdatum,
      einddatum: t.einddatum,
      omvang: t.volume === null ? null : { volume: t.volume, eenheid: t.eenheid, frequentie: t.frequentie },
      budgetCents: t.budget_cents,
      verplichtingCents: t.verplichting_cents,
      redenWijziging: t.reden_wijziging,
      version: t.version,
      exceptionReason: t.exception_reason,
      exceptionRequestedBy: t.exception_requested_by,
      referentieAanbieder: t.referentie_aanbieder,
      started: starts.some((s) => s.toewijzing_id === t.id && s.removed_by_message_id === null),
      stopped: stops.some((s) => s.toewijzing_id === t.id && s.removed_by_message_id === null && s.reden_beeindiging !== '20'),
    })),
    pgbs: pgbs.map((p) => ({ id: p.id, wet: p.wet, productcategorie: p.productcategorie, productcode: p.productcode, ingangsdatum: p.ingangsdatum, einddatum: p.einddatum, budgetCents: p.budget_cents === null ? null : Number(p.budget_cents), toelichting: p.toelichting })),
    requests: requests.map((r) => ({ id: r.id, kind: r.kind, referentieAanbieder: r.referentie_aanbieder, status: r.status, receivedOn: r.received_on, providerName: r.provider_name, redenAfwijzing: r.reden_afwijzing })),
    timeline,
  }
}
export type ClientFile = Awaited<ReturnType<typeof clientFile>>
