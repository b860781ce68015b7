import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useEffect, useMemo, useState } from 'react'
import { ChoiceField, TextField } from '../components/fields.tsx'
import { DateField } from '../components/DateField.tsx'
import { datumFouten, isDateOrEmpty } from '../lib/date-nl.ts'
import { ActionResult, ask, useAction, verplicht } from '../hooks/useAction.tsx'
import type { ClientFile } from '../../../src/clients/client-file.queries.ts'
import type { Gezag, Gezagsdrager } from '../../../src/clients/gezag.queries.ts'
import { toewijzingWeergaveLabel } from '../../../src/clients/toewijzing-status.rules.ts'
import type { ToegangDecision } from '../../../src/toewijzingen/toewijzing.rules.ts'
import { type GezagInput, gezagInputSchema } from '../../../src/clients/client.schema.ts'
import { type PgbInput, pgbInputSchema } from '../../../src/toewijzingen/pgb.schema.ts'
import { noteSchema, toewijzingInputSchema } from '../../../src/toewijzingen/toewijzing.schema.ts'
import { type Me, foutTekst, may, post } from '../lib/api.ts'
import { formatDate, formatEuroCents } from '../lib/format.ts'
import { DataTable } from '../components/DataTable.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Catalogue, statusLabel, frequentieLabel, eenheidLabel, useCatalogue, payload, draftIds, DraftForm, emptyDraft, budgetProblem } from '../components/ToewijzingDraft.tsx'
import { euroToCents } from '../../../src/shared/money.ts'

type FileToewijzing = ClientFile['toewijzingen'][number]

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
  const keep = (g: Gezagsdrager) => ({ nummer: g.nummer, soort: g.soort, achternaam: g.achternaam, voorvoegsel: g.voorvoegsel, voorletters: g.voorletters, organisatie: g.organisatie, ...(g.postcode !== null && g.huisnummer !== null ? { postcode: g.postcode, huisnummer: g.huisnummer } : {}), ...(g.telefoon !== null ? { telefoon: g.telefoon } : {}) })
  const save = (body: GezagInput, text: string, check?: () => Record<string, string>) =>
    action.send(gezagInputSchema, body, post(`/clients/${clientId}/gezag`), () => {
      setNieuw(empty)
      gezag.reload()
      return text
    }, check)
  const on = (key: keyof typeof empty) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setNieuw({ ...nieuw, [key]: e.target.value })
  const add = (e: FormEvent) => {
    e.preventDefault()
    const added = {
      soort: nieuw.soort as Gezagsdrager['soort'],
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
    const budgetCents = draft.budget.trim() === '' ? undefined : euroToCents(draft.budget)
    const body = {
      wet: wet as PgbInput['wet'],
      productcategorie: productcategorie ?? '',
      ...(productcode ? { productcode } : {}),
      ingangsdatum: draft.ingangsdatum,
      einddatum: draft.einddatum,
      ...(budgetCents !== undefined && budgetCents !== null ? { budgetCents } : {}),
      akkoordAanbieder: draft.akkoord === 'ja',
    }
    void action.send(pgbInputSchema, body, post<{ beeindigd: { toewijzingNummer: number; einddatum: string }[] }>(`/toewijzingen/clients/${clientId}/pgb`), (result) => {
      const ended = result.beeindigd.map((b) => `toewijzing ${b.toewijzingNummer} eindigt op ${formatDate(b.einddatum)}`)
      setDraft(empty)
      onDone()
      return `Pgb vastgelegd.${ended.length > 0 ? ` Beëindigd met reden 08 (wijziging leveringsvorm): ${ended.join('; ')}.` : ''}`
    }, () => ({
      ...verplicht({ ingangsdatum: ['de ingangsdatum', draft.ingangsdatum], einddatum: ['de einddatum', draft.einddatum] }),
      ...datumFouten({ ingangsdatum: ['Ingangsdatum', draft.ingangsdatum], einddatum: ['Einddatum', draft.einddatum] }),
      ...(draft.product === '' ? { productcategorie: 'Kies een product.' } : {}),
      ...(budgetCents === null ? { budgetCents: `'${draft.budget}' is geen bedrag in euro's (bijvoorbeeld 12.000,00).` } : {}),
    }))
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
          <DateField action={action} path="ingangsdatum" label="Ingangsdatum" required value={draft.ingangsdatum} onChange={(v) => setDraft({ ...draft, ingangsdatum: v })} />
          <DateField action={action} path="einddatum" label="Einddatum" required value={draft.einddatum} onChange={(v) => setDraft({ ...draft, einddatum: v })} />
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
          void action.send(noteSchema, { note: '' }, post(`/toewijzingen/${id}/approve-exception`), () => {
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
  // The live rule check waits for real dates: text that is no date yet (a date still being typed) is not sent.
  const complete = draft.productId !== '' && draft.providerId !== '' && draft.ingangsdatum !== '' && draft.einddatum !== '' && isDateOrEmpty(draft.ingangsdatum) && isDateOrEmpty(draft.einddatum) && draft.goal.trim() !== ''
  // Live rule check: ask the server what the toegang rules say whenever the draft changes.
  useEffect(() => {
    if (!complete) return setDecision(null)
    const timer = setTimeout(() => {
      ask(toewijzingInputSchema, body, post<ToegangDecision>('/toewijzingen/check')).then(
        (d) => (setDecision(d), setCheckError(null)),
        (e: unknown) => setCheckError(foutTekst(e)),
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [body, complete])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(toewijzingInputSchema, body, post<{ toewijzingNummer: number; status: string }>('/toewijzingen'), (r) => {
      setDraft(emptyDraft())
      onDone()
      return `Toewijzing ${r.toewijzingNummer} vastgelegd (${statusLabel[r.status]}).`
    }, () => ({
      ...(draft.productId === '' ? { productId: 'Kies een product.' } : {}),
      ...(draft.providerId === '' ? { providerId: 'Kies een aanbieder.' } : {}),
      ...verplicht({ ingangsdatum: ['de ingangsdatum', draft.ingangsdatum], einddatum: ['de einddatum', draft.einddatum], 'assessment.goals.0.description': ['het doel', draft.goal] }),
      ...datumFouten({ ingangsdatum: ['Ingangsdatum', draft.ingangsdatum], einddatum: ['Einddatum', draft.einddatum] }),
      ...budgetProblem(draft, catalogue.products),
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
