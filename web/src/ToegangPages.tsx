/** The lokaal team's pages: the work queue, client search, the client file, a new toewijzing with live rule checks, and signals. */
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Textarea,
} from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useEffect, useMemo, useState } from 'react'
import { eenheden, frequenties, redenenAfwijzingVerzoek } from '../../src/istandaarden/codelists.ts'
import { ChoiceField, Field, TextField, fieldState } from './fields.tsx'
import { type Action, ActionResult, useAction, verplicht } from './useAction.tsx'
import type { ClientFile, ClientSummary } from '../../src/clients/client-file.queries.ts'
import type { Gezag, Gezagsdrager } from '../../src/clients/gezag.queries.ts'
import type { Product } from '../../src/products/product.queries.ts'
import type { Provider } from '../../src/providers/provider.queries.ts'
import type { Contract } from '../../src/contracts/contract.queries.ts'
import { contractedProviderIds } from '../../src/contracts/contracted-providers.ts'
import type { RequestItem } from '../../src/requests/request.queries.ts'
import { toewijzingWeergaveLabel } from '../../src/clients/toewijzing-status.ts'
import type { ToegangSignal } from '../../src/toewijzingen/toegang-signals.ts'
import type { ToegangDecision } from '../../src/toewijzingen/toewijzing.rules.ts'
import { type Me, api, foutTekst, may } from './api.ts'
import { formatDate, formatEuroCents } from './format.ts'
import { DataTable, type DataColumn } from './components/DataTable.tsx'
import { TermijnenSection } from './TermijnenSection.tsx'
import { useApi } from './useApi.ts'

type FileToewijzing = ClientFile['toewijzingen'][number]

interface Catalogue {
  products: Product[]
  providers: Provider[]
  contracts: Contract[]
}

const statusLabel: Record<string, string> = { open: 'open', in_onderzoek: 'in onderzoek', toegewezen: 'toegewezen', afgewezen: 'afgewezen', actief: 'actief', wacht_op_akkoord: 'wacht op akkoord (uitzondering)' }
const frequentieLabel: Record<string, string> = frequenties
/** Units as they read after a number ("2 uur per week"). */
const eenheidLabel: Record<string, string> = Object.fromEntries(Object.entries(eenheden).map(([k, v]) => [k, v.toLowerCase()]))
const redenen: Record<string, string> = redenenAfwijzingVerzoek


function useCatalogue(): Catalogue | null {
  return useApi<Catalogue>('/region').data
}

/** The assessment and period fields shared by the approve form and the new-toewijzing form. */
interface DraftFields {
  productId: string
  providerId: string
  ingangsdatum: string
  einddatum: string
  volume: string
  frequentie: string
  perspective: string
  complexity: string
  intensity: string
  goal: string
  t1: string
  justification: string
  exceptionReason: string
  /** Euro's, for a product without productcode or a generic one (CD079, CD080). */
  budget: string
}

/** A product without productcode (aspecific) or without Product (generic) is allocated with a budget, not an omvang. */
const takesBudget = (p: Product | undefined) => p !== undefined && p.productcode === null

function payload(d: DraftFields, products: Product[]) {
  const product = products.find((p) => String(p.id) === d.productId)
  return {
    productId: Number(d.productId),
    providerId: Number(d.providerId),
    ingangsdatum: d.ingangsdatum,
    einddatum: d.einddatum,
    omvang: !takesBudget(product) && product?.eenheid && d.volume ? { volume: Number(d.volume), eenheid: product.eenheid, frequentie: d.frequentie } : null,
    budgetCents: takesBudget(product) && d.budget.trim() !== '' ? Math.round(Number(d.budget.replace(',', '.')) * 100) : null,
    justification: d.justification,
    exceptionReason: d.exceptionReason.trim() === '' ? undefined : d.exceptionReason,
    assessment: { perspective: d.perspective, complexity: d.complexity, intensity: d.intensity, goals: [{ description: d.goal, domain: 'ontwikkeling', t1: Number(d.t1) }] },
  }
}

/** The API's paths of the draft's fields and the ids of their inputs: errors come back under the paths. */
const draftIds: Record<string, string> = {
  productId: 'product',
  providerId: 'aanbieder',
  budgetCents: 'budget',
  'omvang.volume': 'volume',
  'assessment.goals.0.description': 'doel',
  justification: 'onderbouwing',
  exceptionReason: 'uitzondering',
}

function DraftForm({ draft, set, catalogue, gemeenteId, fixedProvider, action }: { draft: DraftFields; set: (d: DraftFields) => void; catalogue: Catalogue; gemeenteId: number | null; fixedProvider?: boolean; action?: Action }) {
  const on = (key: keyof DraftFields) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set({ ...draft, [key]: e.target.value })
  const to = (key: keyof DraftFields) => (v: string) => set({ ...draft, [key]: v })
  const product = catalogue.products.find((p) => String(p.id) === draft.productId)
  // Only the providers contracted for the product's segment in the client's gemeente, unless care outside the contracts is asked for (an exception).
  const [outsideContracts, setOutsideContracts] = useState(false)
  const contracted = product ? contractedProviderIds(catalogue.contracts, product.segmentId, draft.ingangsdatum || new Date().toISOString().slice(0, 10), gemeenteId) : null
  const providerChoice = catalogue.providers.filter((p) => outsideContracts || contracted === null || contracted.has(p.id) || String(p.id) === draft.providerId)
  const products = Object.fromEntries(catalogue.products.filter((p) => p.variant !== 'taakgericht').map((p) => [String(p.id), `${p.name} (${p.generiek ? 'generiek, met budget' : `${p.productcategorie}${p.productcode ? `/${p.productcode}` : ', met budget'}`})`]))
  const textarea = (path: string, id: string, label: string, key: keyof DraftFields) => {
    const { error, aria } = fieldState(action, path, id)
    return (
      <Field id={id} label={label} error={error}>
        <Textarea id={id} invalid={error !== undefined} {...aria} value={draft[key]} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (on(key)(e), action?.clearField(path))} />
      </Field>
    )
  }
  return (
    <div className="koers-form-grid">
      <ChoiceField id="product" label="Product" required action={action} path="productId" value={draft.productId} onChange={on('productId')} options={products} empty="Kies een product" />
      {!fixedProvider && (
        <div>
          <ChoiceField id="aanbieder" label="Aanbieder" required action={action} path="providerId" value={draft.providerId} onChange={on('providerId')} options={Object.fromEntries(providerChoice.map((p) => [String(p.id), p.name]))} empty={product ? 'Kies een aanbieder' : 'Kies eerst een product'} />
          {product && (
            <label>
              <input type="checkbox" checked={outsideContracts} onChange={(e) => setOutsideContracts(e.target.checked)} /> Ook aanbieders zonder contract in dit segment (uitzondering)
            </label>
          )}
        </div>
      )}
      <TextField action={action} path="ingangsdatum" label="Ingangsdatum" type="date" required value={draft.ingangsdatum} onChange={to('ingangsdatum')} />
      <TextField action={action} path="einddatum" label="Einddatum" type="date" required value={draft.einddatum} onChange={to('einddatum')} />
      {takesBudget(product) ? (
        <TextField action={action} path="budgetCents" id="budget" label="Budget (euro)" inputMode="decimal" value={draft.budget} onChange={to('budget')} />
      ) : (
        <>
          <TextField action={action} path="omvang.volume" id="volume" label={`Volume${product?.eenheid ? ` (${eenheidLabel[product.eenheid]})` : ''}`} inputMode="numeric" value={draft.volume} onChange={to('volume')} />
          <ChoiceField id="frequentie" label="Frequentie" value={draft.frequentie} onChange={on('frequentie')} options={frequentieLabel} />
        </>
      )}
      <ChoiceField id="perspectief" label="Perspectief" value={draft.perspective} onChange={on('perspective')} options={{ ontwikkeling: 'ontwikkeling', stabiliteit: 'stabiliteit' }} />
      <ChoiceField id="complexiteit" label="Complexiteit" value={draft.complexity} onChange={on('complexity')} options={{ enkelvoudig: 'enkelvoudig', meervoudig: 'meervoudig', complex: 'complex' }} />
      <ChoiceField id="intensiteit" label="Intensiteit" value={draft.intensity} onChange={on('intensity')} options={{ licht: 'licht', middel: 'middel', zwaar: 'zwaar' }} />
      <TextField action={action} path="assessment.goals.0.description" id="doel" label="Doel" required value={draft.goal} onChange={to('goal')} />
      <ChoiceField id="t1" label="Zelfredzaamheid bij start (T1, 1–5)" value={draft.t1} onChange={on('t1')} options={{ 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' }} />
      {textarea('justification', 'onderbouwing', 'Onderbouwing langere termijn (tenzij)', 'justification')}
      {textarea('exceptionReason', 'uitzondering', 'Reden uitzondering buiten contract (nee, tenzij)', 'exceptionReason')}
    </div>
  )
}

function Findings({ decision }: { decision: ToegangDecision | null }) {
  if (!decision) return null
  return (
    <div aria-live="polite" className="koers-findings">
      {decision.findings.length === 0 && <Paragraph>Alle toegangsregels zijn in orde.</Paragraph>}
      {decision.findings.map((f, i) => (
        <Alert key={i} type={f.severity === 'warning' ? 'warning' : f.severity === 'exception' ? 'info' : 'error'}>
          <Paragraph>
            {f.message} <span className="koers-muted">(regel {f.rule})</span>
          </Paragraph>
        </Alert>
      ))}
      {decision.verplichtingCents !== null && <Paragraph>Verplichting (maximale kosten): {formatEuroCents(decision.verplichtingCents)}</Paragraph>}
    </div>
  )
}

const emptyDraft = (d: Partial<DraftFields> = {}): DraftFields => ({ productId: '', providerId: '', ingangsdatum: '', einddatum: '', volume: '', frequentie: '2', perspective: 'ontwikkeling', complexity: 'enkelvoudig', intensity: 'middel', goal: '', t1: '3', justification: '', exceptionReason: '', budget: '', ...d })

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
    void action.run(async () => {
      const body = { ...payload(draft, catalogue.products), providerId: undefined, ...(postcode ? { postcode, huisnummer: Number(huisnummer), briefadres: adres === 'brief' } : {}) }
      const result = await api<{ toewijzingNummer: number; status: string }>(`/requests/${request.id}/approve`, { method: 'POST', body })
      done()
      return `Toegewezen: toewijzing ${result.toewijzingNummer} (${statusLabel[result.status]}). ${result.status === 'actief' ? 'Het toewijzingsbericht (301) staat klaar voor de aanbieder.' : 'Een collega moet de uitzondering goedkeuren.'}`
    })
  }
  const refuse = () =>
    void action.run(
      async () => {
        await api(`/requests/${request.id}/refuse`, { method: 'POST', body: { reden, note: '', ...(reden === '8' ? { woonplaatsGemeente } : {}) } })
        done()
        return 'Afgewezen: het antwoordbericht (319) staat klaar voor de aanbieder.'
      },
      () => ({ ...(reden === '' ? { reden: 'Kies de reden van afwijzing.' } : {}), ...(reden === '8' ? verplicht({ woonplaatsGemeente: ['de verantwoordelijke gemeente', woonplaatsGemeente] }) : {}) }),
    )
  const inOnderzoek = () =>
    void action.run(async () => {
      await api(`/requests/${request.id}/investigate`, { method: 'POST', body: { note: '' } })
      done()
      return 'In onderzoek: het antwoordbericht (319) staat klaar voor de aanbieder. Het eindantwoord volgt binnen 8 weken na de dagtekening van het verzoek.'
    })
  const approveChange = () =>
    void action.run(async () => {
      await api(`/requests/${request.id}/approve-change`, { method: 'POST', body: {} })
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

/** Search a client by BSN (in the request body, audited) and open the file. */
export function ClientSearchPage() {
  const [bsn, setBsn] = useState('')
  const [result, setResult] = useState<ClientSummary | null | undefined>(undefined)
  const action = useAction()
  const search = (e: FormEvent) => {
    e.preventDefault()
    setResult(undefined)
    void action.run(
      async () => {
        const { client } = await api<{ client: ClientSummary | null }>('/clients/search', { method: 'POST', body: { bsn: bsn.replace(/\D/g, '') } })
        setResult(client)
        if (client) {
          setBsn('')
          window.location.hash = `#/client/${client.id}`
        }
        return null
      },
      () => verplicht({ bsn: ['een BSN', bsn] }),
    )
  }
  return (
    <>
      <Heading1>Cliënt zoeken</Heading1>
      <Paragraph>Zoek een inwoner van de eigen gemeente op BSN. Elke zoekvraag en elke blik in een dossier wordt vastgelegd.</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={search} noValidate>
        <TextField action={action} path="bsn" label="BSN" required inputMode="numeric" autoComplete="off" value={bsn} onChange={setBsn} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Zoeken
        </Button>
      </form>
      {result === null && <Paragraph role="status">Geen cliënt met dit BSN in uw gemeente.</Paragraph>}
    </>
  )
}

/** The client file with its toewijzingen, a timeline, and a new toewijzing with live rule checks. */
export function ClientFilePage({ clientId, me }: { clientId: number; me: Me }) {
  const file = useApi<ClientFile>(`/clients/${clientId}/file`)
  const catalogue = useCatalogue()
  // The toezichthouder reads the file; only the lokaal team changes it.
  const writes = may(me, 'toewijzing.write')
  if (file.error) return (
    <>
      <Heading1>Dossier</Heading1>
      <Alert type="error" role="alert">
        <Paragraph>{file.error}</Paragraph>
      </Alert>
    </>
  )
  if (!file.data || !catalogue) return <Paragraph>Dossier laden…</Paragraph>
  const f = file.data
  return (
    <>
      <Heading1>Dossier {f.client.name}</Heading1>
      <Paragraph>
        Geboren {formatDate(f.client.birthDate)} · pseudoniem {f.client.pseudonym}
      </Paragraph>
      {/* The dossier's own list: no download, the file stays in the audited dossier (ADR 0025). */}
      <DataTable
        caption="Toewijzingen"
        rows={f.toewijzingen}
        rowKey={(t) => t.id}
        initialSort={{ key: 'ingang', direction: 'desc' }}
        empty="Nog geen toewijzingen."
        columns={[
          { key: 'nummer', header: 'Nummer', value: (t: FileToewijzing) => `${t.nummer} v${t.version}`, render: (t: FileToewijzing) => (<>{t.nummer} <span className="koers-muted">v{t.version}</span></>) },
          { key: 'product', header: 'Product', value: (t: FileToewijzing) => t.product },
          { key: 'aanbieder', header: 'Aanbieder', value: (t: FileToewijzing) => t.providerName },
          { key: 'ingang', header: 'Ingangsdatum', value: (t: FileToewijzing) => t.ingangsdatum, render: (t: FileToewijzing) => formatDate(t.ingangsdatum) },
          { key: 'eind', header: 'Einddatum', value: (t: FileToewijzing) => t.einddatum, render: (t: FileToewijzing) => formatDate(t.einddatum) },
          { key: 'omvang', header: 'Omvang', value: (t: FileToewijzing) => (t.omvang ? `${t.omvang.volume} ${eenheidLabel[t.omvang.eenheid ?? ''] ?? ''} ${frequentieLabel[t.omvang.frequentie ?? ''] ?? ''}` : t.budgetCents !== null ? formatEuroCents(t.budgetCents) : null) },
          { key: 'verplichting', header: 'Verplichting', kind: 'euro', value: (t: FileToewijzing) => t.verplichtingCents },
          {
            key: 'status',
            header: 'Status',
            value: (t: FileToewijzing) => `${toewijzingWeergaveLabel[t.weergave]}${t.redenWijziging ? ` · reden ${t.redenWijziging}` : ''}`,
            render: (t: FileToewijzing) => (
              <>
                {toewijzingWeergaveLabel[t.weergave]}
                {t.redenWijziging ? ` · reden ${t.redenWijziging}` : ''}
                {t.status === 'wacht_op_akkoord' && writes && <ApproveException id={t.id} onDone={file.reload} />}
              </>
            ),
          },
          { key: 'levering', header: 'Levering', value: (t: FileToewijzing) => (t.stopped ? 'gestopt' : t.started ? 'gestart' : 'nog niet gestart') },
        ]}
      />
      <section aria-labelledby="tijdlijn">
        <Heading2 id="tijdlijn">Tijdlijn</Heading2>
        <ol className="koers-timeline">
          {f.timeline.map((e, i) => (
            <li key={i}>
              <span className="koers-muted">{formatDate(e.date)}</span> {e.text}
            </li>
          ))}
        </ol>
      </section>
      <GezagSection clientId={f.client.id} writes={writes} />
      {writes && <PgbSection clientId={f.client.id} pgbs={f.pgbs} catalogue={catalogue} onDone={file.reload} />}
      {writes && <NewToewijzing clientId={f.client.id} gemeenteId={f.client.gemeenteId} catalogue={catalogue} onDone={file.reload} />}
    </>
  )
}

const soortGezag: Record<string, string> = { '10': 'ouder', '11': 'voogd' }

/** OP001: who holds authority over the jeugdige; the Jeugdwet toewijzing (301) carries it (OP002). */
function GezagSection({ clientId, writes }: { clientId: number; writes: boolean }) {
  const gezag = useApi<Gezag>(`/clients/${clientId}/gezag`)
  const empty = { soort: '10', achternaam: '', voorvoegsel: '', voorletters: '', organisatie: 'nee', postcode: '', huisnummer: '', telefoon: '' }
  const [nieuw, setNieuw] = useState(empty)
  // The new gezagsdrager comes after those recorded: the server names its fields by that place.
  const n = gezag.data?.gezagsdragers.length ?? 0
  const at = (field: string) => `gezagsdragers.${n}.${field}`
  const action = useAction(Object.fromEntries(['achternaam', 'voorvoegsel', 'voorletters', 'postcode', 'huisnummer', 'telefoon'].map((f) => [at(f), `gezag-${f}`])))
  if (gezag.error) return <Alert type="error">{gezag.error}</Alert>
  if (!gezag.data) return null
  const current = gezag.data
  const keep = (g: Gezagsdrager) => ({ nummer: g.nummer, soort: g.soort, achternaam: g.achternaam, voorvoegsel: g.voorvoegsel, voorletters: g.voorletters, organisatie: g.organisatie, ...(g.postcode !== null ? { postcode: g.postcode, huisnummer: g.huisnummer } : {}), ...(g.telefoon !== null ? { telefoon: g.telefoon } : {}) })
  const save = (body: unknown, text: string, check?: () => Record<string, string>) =>
    action.run(async () => {
      await api(`/clients/${clientId}/gezag`, { method: 'POST', body })
      setNieuw(empty)
      gezag.reload()
      return text
    }, check)
  const on = (key: keyof typeof empty) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setNieuw({ ...nieuw, [key]: e.target.value })
  const add = (e: FormEvent) => {
    e.preventDefault()
    const added = {
      soort: nieuw.soort,
      achternaam: nieuw.achternaam,
      voorvoegsel: nieuw.voorvoegsel,
      voorletters: nieuw.voorletters,
      organisatie: nieuw.organisatie === 'ja',
      ...(nieuw.postcode ? { postcode: nieuw.postcode, huisnummer: Number(nieuw.huisnummer) } : {}),
      ...(nieuw.telefoon ? { telefoon: nieuw.telefoon } : {}),
    }
    /** What the form can tell before sending (OP130: an address and/or a telephone number). */
    const check = () => {
      const wrong = verplicht({ [at('achternaam')]: ['de achternaam of de naam van de organisatie', nieuw.achternaam] })
      if (nieuw.postcode !== '' && !/^[1-9][0-9]{3}[A-Z]{2}$/.test(nieuw.postcode)) wrong[at('postcode')] = 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 3701AB.'
      if (nieuw.postcode !== '' && !/^[1-9][0-9]{0,4}$/.test(nieuw.huisnummer.trim())) wrong[at('huisnummer')] = 'Vul bij de postcode het huisnummer in (alleen het nummer).'
      if (nieuw.postcode === '' && nieuw.huisnummer.trim() !== '') wrong[at('postcode')] = 'Vul bij het huisnummer de postcode in.'
      if (nieuw.postcode === '' && nieuw.telefoon.trim() === '') wrong[at('telefoon')] = 'Geef een adres (postcode en huisnummer) of een telefoonnummer van de gezagsdrager.'
      return wrong
    }
    void save({ gezagBijClient: false, gezagsdragers: [...current.gezagsdragers.map(keep), added] }, 'Gezagsdrager vastgelegd.', check)
  }
  const text = (field: keyof typeof empty, label: string, extra: { inputMode?: 'numeric' | 'text'; type?: string; required?: boolean; normalise?: (v: string) => string } = {}) => (
    <TextField action={action} path={at(field)} id={`gezag-${field}`} label={label} required={extra.required} inputMode={extra.inputMode} type={extra.type} value={nieuw[field]} onChange={(v) => setNieuw({ ...nieuw, [field]: extra.normalise ? extra.normalise(v) : v })} />
  )
  return (
    <section aria-labelledby="gezag" className="koers-card">
      <Heading2 id="gezag">Gezag</Heading2>
      {current.gezagBijClient ? (
        <Paragraph>Het gezag ligt bij de cliënt zelf.</Paragraph>
      ) : current.gezagsdragers.length === 0 ? (
        <Paragraph>Nog niet vastgelegd wie het gezag heeft. De toewijzing in de Jeugdwet geeft de gezagsdrager mee aan de aanbieder.</Paragraph>
      ) : (
        <ul>
          {current.gezagsdragers.map((g) => (
            <li key={g.nummer}>
              {soortGezag[g.soort]}: {[g.voorletters, g.voorvoegsel, g.achternaam].filter(Boolean).join(' ')}
              {g.postcode ? ` · ${g.postcode} ${g.huisnummer}` : ''}
              {g.telefoon ? ` · ${g.telefoon}` : ''}{' '}
              {writes && <Button appearance="subtle-button" onClick={() => void save({ gezagBijClient: false, gezagsdragers: current.gezagsdragers.filter((x) => x.nummer !== g.nummer).map(keep) }, 'Gezagsdrager verwijderd.')}>
                Verwijderen
              </Button>}
            </li>
          ))}
        </ul>
      )}
      {writes && <ActionResult action={action} />}
      {writes && <form onSubmit={add} noValidate>
        <div className="koers-form-grid">
          <ChoiceField id="gezag-soort" label="Soort" value={nieuw.soort} onChange={on('soort')} options={soortGezag} />
          <ChoiceField id="gezag-organisatie" label="Organisatie (voogdij)" value={nieuw.organisatie} onChange={on('organisatie')} options={{ nee: 'nee', ja: 'ja' }} />
          {text('achternaam', 'Achternaam of naam organisatie', { required: true })}
          {text('voorvoegsel', 'Voorvoegsel')}
          {text('voorletters', 'Voorletters')}
          {text('postcode', 'Postcode', { normalise: (v) => v.toUpperCase().replace(/\s/g, '') })}
          {text('huisnummer', 'Huisnummer', { inputMode: 'numeric' })}
          {text('telefoon', 'Telefoon', { type: 'tel' })}
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
            Gezagsdrager toevoegen
          </Button>
          <Button appearance="subtle-button" onClick={() => void save({ gezagBijClient: true, gezagsdragers: [] }, 'Vastgelegd: het gezag ligt bij de cliënt zelf.')}>
            Gezag bij de cliënt zelf (16 jaar of ouder)
          </Button>
        </ButtonGroup>
      </form>}
    </section>
  )
}

/**
 * OP043: a pgb for a product; a toewijzing for it ends the day before the pgb starts (RedenWijziging 08),
 * and within the pgb period no new toewijzing for the product is possible.
 */
function PgbSection({ clientId, pgbs, catalogue, onDone }: { clientId: number; pgbs: ClientFile['pgbs']; catalogue: Catalogue; onDone: () => void }) {
  const empty = { product: '', ingangsdatum: '', einddatum: '', budget: '', akkoord: 'nee' }
  const [draft, setDraft] = useState(empty)
  const action = useAction({ productcategorie: 'pgb-product', ingangsdatum: 'pgb-ingangsdatum', einddatum: 'pgb-einddatum', budgetCents: 'pgb-budget' })
  const on = (key: keyof typeof empty) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [key]: e.target.value })
  // A pgb covers a whole categorie or one productcode: one choice per categorie and per coded product.
  const choices = new Map<string, string>()
  for (const p of catalogue.products.filter((x) => x.variant !== 'taakgericht' && !x.generiek)) {
    const wet = p.wet === 'jeugdwet' ? 'Jeugdwet' : 'Wmo'
    choices.set(`${p.wet}|${p.productcategorie}|`, `${wet} · categorie ${p.productcategorie} (alle producten)`)
    if (p.productcode) choices.set(`${p.wet}|${p.productcategorie}|${p.productcode}`, `${wet} · ${p.name} (${p.productcategorie}/${p.productcode})`)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const [wet, productcategorie, productcode] = draft.product.split('|')
    void action.run(async () => {
      const result = await api<{ beeindigd: { toewijzingNummer: number; einddatum: string }[] }>(`/toewijzingen/clients/${clientId}/pgb`, {
        method: 'POST',
        body: {
          wet,
          productcategorie,
          ...(productcode ? { productcode } : {}),
          ingangsdatum: draft.ingangsdatum,
          einddatum: draft.einddatum,
          ...(draft.budget.trim() !== '' ? { budgetCents: Math.round(Number(draft.budget.replace(',', '.')) * 100) } : {}),
          akkoordAanbieder: draft.akkoord === 'ja',
        },
      })
      const ended = result.beeindigd.map((b) => `toewijzing ${b.toewijzingNummer} eindigt op ${formatDate(b.einddatum)}`)
      setDraft(empty)
      onDone()
      return `Pgb vastgelegd.${ended.length > 0 ? ` Beëindigd met reden 08 (wijziging leveringsvorm): ${ended.join('; ')}.` : ''}`
    }, () => ({ ...verplicht({ ingangsdatum: ['de ingangsdatum', draft.ingangsdatum], einddatum: ['de einddatum', draft.einddatum] }), ...(draft.product === '' ? { productcategorie: 'Kies een product.' } : {}) }))
  }
  return (
    <section aria-labelledby="pgb" className="koers-card">
      <Heading2 id="pgb">Pgb</Heading2>
      {pgbs.length === 0 ? (
        <Paragraph>Geen pgb vastgelegd.</Paragraph>
      ) : (
        <ul>
          {pgbs.map((p) => (
            <li key={p.id}>
              {p.wet === 'jeugdwet' ? 'Jeugdwet' : 'Wmo'} · {p.productcode ? `${p.productcategorie}/${p.productcode}` : `categorie ${p.productcategorie}`} · {formatDate(p.ingangsdatum)} t/m {formatDate(p.einddatum)}
              {p.budgetCents !== null ? ` · ${formatEuroCents(p.budgetCents)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <Paragraph className="koers-muted">Een toewijzing voor hetzelfde product eindigt de dag vóór de ingangsdatum van het pgb; in de pgb-periode is geen toewijzing voor dat product mogelijk (OP043).</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={submit} noValidate>
        <div className="koers-form-grid">
          <ChoiceField id="pgb-product" label="Product" action={action} path="productcategorie" value={draft.product} onChange={on('product')} options={Object.fromEntries(choices)} empty="Kies een product" required />
          <TextField action={action} path="ingangsdatum" label="Ingangsdatum" type="date" required value={draft.ingangsdatum} onChange={(v) => setDraft({ ...draft, ingangsdatum: v })} />
          <TextField action={action} path="einddatum" label="Einddatum" type="date" required value={draft.einddatum} onChange={(v) => setDraft({ ...draft, einddatum: v })} />
          <TextField action={action} path="budgetCents" label="Budget (euro)" inputMode="decimal" value={draft.budget} onChange={(v) => setDraft({ ...draft, budget: v })} />
          <ChoiceField id="pgb-akkoord" label="Aanbieder stemt in met een einde in het verleden" value={draft.akkoord} onChange={on('akkoord')} options={{ nee: 'nee', ja: 'ja' }} />
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
            Pgb vastleggen
          </Button>
        </ButtonGroup>
      </form>
    </section>
  )
}

function ApproveException({ id, onDone }: { id: number; onDone: () => void }) {
  const action = useAction()
  return (
    <>
      <Button
        appearance="secondary-action-button"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            await api(`/toewijzingen/${id}/approve-exception`, { method: 'POST', body: { note: '' } })
            onDone()
            return 'Uitzondering goedgekeurd.'
          })
        }
      >
        Uitzondering goedkeuren
      </Button>
      <ActionResult action={action} />
    </>
  )
}

function NewToewijzing({ clientId, gemeenteId, catalogue, onDone }: { clientId: number; gemeenteId: number; catalogue: Catalogue; onDone: () => void }) {
  const [draft, setDraft] = useState(emptyDraft)
  const [decision, setDecision] = useState<ToegangDecision | null>(null)
  const [checkError, setCheckError] = useState<string | null>(null)
  const action = useAction(draftIds)
  const body = useMemo(() => ({ clientId, ...payload(draft, catalogue.products) }), [clientId, draft, catalogue])
  const complete = draft.productId !== '' && draft.providerId !== '' && draft.ingangsdatum !== '' && draft.einddatum !== '' && draft.goal.trim() !== ''
  // Live rule check: ask the server what the toegang rules say whenever the draft changes.
  useEffect(() => {
    if (!complete) return setDecision(null)
    const timer = setTimeout(() => {
      api<ToegangDecision>('/toewijzingen/check', { method: 'POST', body }).then(
        (d) => (setDecision(d), setCheckError(null)),
        (e: unknown) => setCheckError(foutTekst(e)),
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [body, complete])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.run(async () => {
      const r = await api<{ toewijzingNummer: number; status: string }>('/toewijzingen', { method: 'POST', body })
      setDraft(emptyDraft())
      onDone()
      return `Toewijzing ${r.toewijzingNummer} vastgelegd (${statusLabel[r.status]}).`
    }, () => ({
      ...(draft.productId === '' ? { productId: 'Kies een product.' } : {}),
      ...(draft.providerId === '' ? { providerId: 'Kies een aanbieder.' } : {}),
      ...verplicht({ ingangsdatum: ['de ingangsdatum', draft.ingangsdatum], einddatum: ['de einddatum', draft.einddatum], 'assessment.goals.0.description': ['het doel', draft.goal] }),
    }))
  }
  return (
    <section aria-labelledby="nieuw" className="koers-card">
      <Heading2 id="nieuw">Nieuwe toewijzing</Heading2>
      <ActionResult action={action} />
      <form onSubmit={submit} noValidate>
        <DraftForm draft={draft} set={setDraft} catalogue={catalogue} gemeenteId={gemeenteId} action={action} />
        <Findings decision={decision} />
        {checkError && <Paragraph className="koers-error">De toegangsregels konden niet gecontroleerd worden: {checkError}</Paragraph>}
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Toewijzing vastleggen
        </Button>
      </form>
    </section>
  )
}

const signalTitle: Record<string, string> = {
  eindigt_zonder_vervolg: 'Eindigt zonder vervolg',
  beeindigd_zonder_stop: 'Beëindigd zonder stopbericht',
  geen_start: 'Geen startbericht',
  andere_aanbieder: 'Bericht van verkeerde aanbieder',
}

export function SignalsPage({ me }: { me: Me }) {
  const signals = useApi<ToegangSignal[]>('/toewijzingen/signals')
  if (signals.error) return <Alert type="error">{signals.error}</Alert>
  if (!signals.data) return <Paragraph>Signalen laden…</Paragraph>
  const counts = Object.entries(signalTitle).map(([k, v]) => `${v}: ${signals.data!.filter((s) => s.kind === k).length}`)
  const rows = signals.data.map((s, key) => ({ ...s, key }))
  const signalColumns: DataColumn<(typeof rows)[number]>[] = [
    { key: 'soort', header: 'Signaal', value: (s) => signalTitle[s.kind] ?? s.kind },
    { key: 'datum', header: 'Datum', value: (s) => s.date, render: (s) => formatDate(s.date) },
    { key: 'aanbieder', header: 'Aanbieder', value: (s) => s.providerName },
    { key: 'toelichting', header: 'Toelichting', value: (s) => s.text },
    // A link to the file only for who may open it (issue 18 §6); the others see the pseudonym.
    { key: 'dossier', header: 'Dossier', value: (s) => s.pseudonym, render: (s) => (s.clientId !== null && may(me, 'client.read') ? <a href={`#/client/${s.clientId}`}>{s.pseudonym}</a> : (s.pseudonym ?? '–')) },
  ]
  return (
    <>
      <Heading1>Signalen toegang</Heading1>
      <Paragraph>{counts.join(' · ')}</Paragraph>
      <DataTable caption="Signalen uit de toewijzingen en berichten" columns={signalColumns} rows={rows} rowKey={(s) => s.key} exportName="signalen-toegang" empty="Geen signalen." />
      <TermijnenSection />
    </>
  )
}
