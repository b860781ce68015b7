import { Alert, Button, ButtonGroup, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import { redenenAfwijzingVerzoek } from '../../../src/istandaarden/codelists.ts'
import { ChoiceField, TextField } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { datumFouten } from '../lib/date-nl.ts'
import type { RequestItem } from '../../../src/requests/request.queries.ts'
import type { z } from 'zod'
import { answerSchema, approveRequestSchema, investigateSchema } from '../../../src/requests/request.schema.ts'
import { emptyBody } from '../../../src/shared/request.schema.ts'
import { post } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Catalogue, statusLabel, frequentieLabel, eenheidLabel, useCatalogue, payload, draftIds, DraftForm, emptyDraft, budgetProblem } from '../components/ToewijzingDraft.tsx'

const redenen: Record<string, string> = redenenAfwijzingVerzoek

/** The 315/317 work queue. */
export function WorkQueuePage() {
  const queue = useApi<RequestItem[]>('/requests')
  const catalogue = useCatalogue()
  const [openId, setOpenId] = useState<number | null>(null)
  if (queue.error) return <Alert type="error">{queue.error}</Alert>
  if (!queue.data || !catalogue) return <Paragraph>Werkvoorraad laden…</Paragraph>
  const open = queue.data.filter((r) => r.status === 'open' || r.status === 'in_onderzoek')
  const done = queue.data.filter((r) => !(r.status === 'open' || r.status === 'in_onderzoek'))
  const request: DataColumn<RequestItem> = { key: 'verzoek', header: 'Verzoek', value: (r) => `${r.kind} ${r.referentieAanbieder}` }
  const provider: DataColumn<RequestItem> = { key: 'aanbieder', header: 'Aanbieder', value: (r) => r.providerName }
  const openColumns: DataColumn<RequestItem>[] = [
    request,
    { key: 'client', header: 'Cliënt', value: (r) => r.clientName || null },
    provider,
    { key: 'gevraagd', header: 'Gevraagd', value: (r) => describeRequest(r) },
    { key: 'ontvangen', header: 'Ontvangen', value: (r) => r.receivedOn, render: (r) => formatDate(r.receivedOn) },
    { key: 'uiterlijk', header: 'Antwoord uiterlijk', value: (r) => r.answerDue, render: (r) => formatDate(r.answerDue) },
    { key: 'status', header: 'Status', value: (r) => statusLabel[r.status] ?? r.status },
    {
      key: 'actie',
      header: 'Actie',
      sortable: false,
      value: () => null,
      render: (r) => (
        <Button appearance="secondary-action-button" onClick={() => setOpenId(openId === r.id ? null : r.id)}>
          Beoordelen
        </Button>
      ),
    },
  ]
  const doneColumns: DataColumn<RequestItem>[] = [
    request,
    { key: 'client', header: 'Cliënt', value: (r) => r.clientName || null, render: (r) => (r.clientId !== null ? <a href={`#/client/${r.clientId}`}>{r.clientName}</a> : r.clientName) },
    provider,
    { key: 'status', header: 'Status', value: (r) => `${statusLabel[r.status] ?? r.status}${r.redenAfwijzing ? ` (reden ${r.redenAfwijzing}: ${redenen[r.redenAfwijzing]})` : ''}` },
  ]
  return (
    <>
      <Heading1>Werkvoorraad</Heading1>
      <Paragraph>Verzoeken om toewijzing (315) en om wijziging (317) van aanbieders. Beantwoord binnen 5 werkdagen met een toewijzing, een afwijzing of "in onderzoek"; na "in onderzoek" volgt het eindantwoord binnen 8 weken na de dagtekening van het verzoek.</Paragraph>
      {/* No download here: these lists name clients, and a file of names leaves the audited dossier. */}
      <DataTable caption="Open verzoeken" columns={openColumns} rows={open} rowKey={(r) => r.id} empty="Geen open verzoeken." />
      {openId !== null && queue.data.find((r) => r.id === openId) && (
        <RequestDecision key={openId} request={queue.data.find((r) => r.id === openId)!} catalogue={catalogue} onDone={() => (setOpenId(null), queue.reload())} />
      )}
      <DataTable caption="Beantwoorde verzoeken" columns={doneColumns} rows={done} rowKey={(r) => r.id} empty="Geen beantwoorde verzoeken." />
    </>
  )
}

function describeRequest(r: RequestItem): string {
  const q = r.requested as { Product?: { Categorie?: string; Code?: string }; ToewijzingIngangsdatum?: string; ToewijzingEinddatum?: string; Omvang?: { Volume?: string; Eenheid?: string; Frequentie?: string }; RedenVerzoek?: string }
  if (r.kind === '317') return `wijziging (reden ${q.RedenVerzoek ?? '?'})`
  const product = q.Product ? `${q.Product.Categorie}${q.Product.Code ? `/${q.Product.Code}` : ''}` : 'generiek'
  const omvang = q.Omvang ? `, ${q.Omvang.Volume} ${eenheidLabel[q.Omvang.Eenheid ?? ''] ?? q.Omvang.Eenheid} ${frequentieLabel[q.Omvang.Frequentie ?? ''] ?? ''}` : ''
  return `${product} vanaf ${formatDate(q.ToewijzingIngangsdatum ?? null)}${q.ToewijzingEinddatum ? ` t/m ${formatDate(q.ToewijzingEinddatum)}` : ''}${omvang}`
}

function RequestDecision({ request, catalogue, onDone }: { request: RequestItem; catalogue: Catalogue; onDone: () => void }) {
  const q = request.requested as { Product?: { Categorie?: string; Code?: string }; ToewijzingIngangsdatum?: string; ToewijzingEinddatum?: string; Omvang?: { Volume?: string; Frequentie?: string } }
  const matching = catalogue.products.find((p) => p.productcategorie === q.Product?.Categorie && (p.productcode ?? undefined) === q.Product?.Code)
  const [draft, setDraft] = useState(() =>
    emptyDraft({ productId: matching ? String(matching.id) : '', providerId: String(request.providerId), ingangsdatum: q.ToewijzingIngangsdatum ?? '', einddatum: q.ToewijzingEinddatum ?? '', volume: q.Omvang?.Volume ?? '', frequentie: q.Omvang?.Frequentie ?? '2' }),
  )
  const [postcode, setPostcode] = useState('')
  const [huisnummer, setHuisnummer] = useState('')
  const [adres, setAdres] = useState<'brp' | 'brief'>('brp')
  // Refusing is a step of its own: a reason chosen on purpose (none preselected), then confirmed.
  const [refusing, setRefusing] = useState(false)
  const [reden, setReden] = useState('')
  const [woonplaatsGemeente, setWoonplaatsGemeente] = useState('')
  const action = useAction({ ...draftIds, reden: 'reden', woonplaatsGemeente: 'woonplaats-gemeente' })
  const done = () => setTimeout(onDone, 1500)

  const approve = (e: FormEvent) => {
    e.preventDefault()
    // The provider is the request's: the approval takes the rest of the draft.
    const { productId, ingangsdatum, einddatum, omvang, budgetCents, justification, exceptionReason, assessment } = payload(draft, catalogue.products)
    const body = { productId, ingangsdatum, einddatum, omvang, budgetCents, justification, exceptionReason, assessment: assessment!, ...(postcode ? { postcode, huisnummer: Number(huisnummer), briefadres: adres === 'brief' } : {}) }
    void action.send(approveRequestSchema, body, post<{ toewijzingNummer: number; status: string }>(`/requests/${request.id}/approve`), (result) => {
      done()
      return `Toegewezen: toewijzing ${result.toewijzingNummer} (${statusLabel[result.status]}). ${result.status === 'actief' ? 'Het toewijzingsbericht (301) staat klaar voor de aanbieder.' : 'Een collega moet de uitzondering goedkeuren.'}`
    }, () => ({ ...datumFouten({ ingangsdatum: ['Ingangsdatum', draft.ingangsdatum], einddatum: ['Einddatum', draft.einddatum] }), ...budgetProblem(draft, catalogue.products) }))
  }
  const refuse = () =>
    void action.send(
      answerSchema,
      { reden: reden as z.input<typeof answerSchema>['reden'], note: '', ...(reden === '8' ? { woonplaatsGemeente } : {}) },
      post(`/requests/${request.id}/refuse`),
      () => {
        done()
        return 'Afgewezen: het antwoordbericht (319) staat klaar voor de aanbieder.'
      },
      () => ({ ...(reden === '' ? { reden: 'Kies de reden van afwijzing.' } : {}), ...(reden === '8' ? verplicht({ woonplaatsGemeente: ['de verantwoordelijke gemeente', woonplaatsGemeente] }) : {}) }),
    )
  const inOnderzoek = () =>
    void action.send(investigateSchema, { note: '' }, post(`/requests/${request.id}/investigate`), () => {
      done()
      return 'In onderzoek: het antwoordbericht (319) staat klaar voor de aanbieder. Het eindantwoord volgt binnen 8 weken na de dagtekening van het verzoek.'
    })
  const approveChange = () =>
    void action.send(emptyBody, {}, post(`/requests/${request.id}/approve-change`), () => {
      done()
      return 'Wijziging toegekend: het toewijzingsbericht (301) staat klaar.'
    })

  return (
    <section aria-labelledby="beoordelen" className="koers-card">
      <Heading2 id="beoordelen">
        Verzoek {request.referentieAanbieder} van {request.providerName}
      </Heading2>
      <ActionResult action={action} />
      {request.kind === '315' ? (
        <form onSubmit={approve} noValidate>
          <DraftForm draft={draft} set={setDraft} catalogue={catalogue} gemeenteId={null} fixedProvider action={action} />
          {request.clientId === null && (
            <div className="koers-form-grid">
              <TextField action={action} path="postcode" label="Postcode (BRP)" value={postcode} onChange={(v) => setPostcode(v.toUpperCase().replace(/\s/g, ''))} />
              <TextField action={action} path="huisnummer" label="Huisnummer (BRP)" inputMode="numeric" value={huisnummer} onChange={setHuisnummer} />
              <ChoiceField id="adres-soort" label="Soort adres" value={adres} onChange={(e) => setAdres(e.target.value as 'brp' | 'brief')} options={{ brp: 'woonadres (BRP)', brief: 'alleen een briefadres in de BRP' }} />
            </div>
          )}
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
              Toewijzen
            </Button>
          </ButtonGroup>
        </form>
      ) : (
        <ButtonGroup>
          <Button appearance="primary-action-button" onClick={approveChange} disabled={action.busy}>
            Wijziging toekennen
          </Button>
        </ButtonGroup>
      )}
      <Heading3>Of: afwijzen of in onderzoek nemen</Heading3>
      {!refusing ? (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => (action.reset(), setRefusing(true))}>
            Afwijzen…
          </Button>
          {request.status === 'open' && (
            <Button appearance="secondary-action-button" onClick={inOnderzoek} disabled={action.busy}>
              In onderzoek nemen
            </Button>
          )}
        </ButtonGroup>
      ) : (
        <fieldset className="koers-confirm">
          <legend>Verzoek afwijzen</legend>
          <Paragraph>De aanbieder krijgt een afwijzing (319) met de reden die u kiest. Dit kunt u niet ongedaan maken.</Paragraph>
          <div className="koers-form-grid">
            <ChoiceField
              id="reden"
              label="Reden van afwijzing"
              required
              action={action}
              path="reden"
              value={reden}
              onChange={(e) => setReden(e.target.value)}
              empty="Kies een reden…"
              // Reden 8 (woonplaatsbeginsel) is for a Jeugdwet 315 only; otherwise reden 5.
              options={Object.fromEntries(Object.entries(redenen).filter(([k]) => k !== '8' || (request.wet === 'jeugdwet' && request.kind === '315')).map(([k, v]) => [k, `${k} ${v}`]))}
            />
            {reden === '8' && <TextField action={action} path="woonplaatsGemeente" id="woonplaats-gemeente" label="Verantwoordelijke gemeente (CBS-code, 4 cijfers)" required inputMode="numeric" value={woonplaatsGemeente} onChange={(v) => setWoonplaatsGemeente(v.trim())} />}
          </div>
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={refuse} disabled={action.busy}>
              Afwijzing versturen
            </Button>
            <Button appearance="subtle-button" onClick={() => (action.reset(), setRefusing(false), setReden(''))}>
              Annuleren
            </Button>
          </ButtonGroup>
        </fieldset>
      )}
    </section>
  )
}
