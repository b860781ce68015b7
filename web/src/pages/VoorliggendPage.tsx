import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { VoorliggendLine, VoorliggendShareRow } from '../../../src/budgets/voorliggend.queries.ts'
import { type VoorliggendSoort, voorliggendSoortNaam } from '../../../src/budgets/voorliggend.rules.ts'
import { type VoorliggendLineInput, voorliggendDeleteSchema, voorliggendLineSchema } from '../../../src/budgets/voorliggend.schema.ts'
import { spreadsheetUploadSchema } from '../../../src/shared/request.schema.ts'
import { euroToCents } from '../../../src/shared/money.ts'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { ChoiceField, FileField, SPREADSHEET_FILES, TextField } from '../components/fields.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { budgetYears, thisYear } from '../components/YearSelect.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Me, fileBody, may, post } from '../lib/api.ts'
import { formatEuro } from '../lib/format.ts'

interface Voorliggend {
  jaar: number
  regels: VoorliggendLine[]
  aandelen: VoorliggendShareRow[]
}

const wetNaam = { jeugdwet: 'Jeugdwet', wmo: 'Wmo' } as const

/** Issue 22 §1: the voorliggend veld's budget lines beside the maatwerk budgets, and its share of the social-domain budget. */
export function VoorliggendPage({ me, query }: { me: Me; query: URLSearchParams }) {
  const year = Number(query.get('jaar') ?? thisYear)
  const { data, reload } = useApi<Voorliggend>(`/budgets/voorliggend?year=${year}`)
  const { data: region } = useApi<{ gemeenten: { id: number; name: string }[] }>('/region')
  const canEdit = may(me, 'budget.gemeente.write')
  const gemeenteNaam = (id: number) => region?.gemeenten.find((g) => g.id === id)?.name ?? `gemeente ${id}`
  const remove = useAction()
  return (
    <>
      <Heading1>Voorliggend veld {year}</Heading1>
      <Paragraph className="koers-inline-select">
        <label htmlFor="voorliggend-jaar">Jaar </label>
        <select id="voorliggend-jaar" className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => (window.location.hash = `#/voorliggend-veld?jaar=${e.target.value}`)}>
          {/* The year asked for in the address is offered too, so the list shows what the page shows. */}
          {[...new Set([...budgetYears, ...(Number.isInteger(year) ? [year] : [])])].sort((a, b) => a - b).map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>
      </Paragraph>
      <Paragraph>
        Collectieve voorzieningen, groepsaanbod, subsidies en taakgerichte bedragen aan welzijnsorganisaties naast de maatwerkbudgetten van de segmenten. Het aandeel voorliggend veld is het budget van het voorliggend veld gedeeld door dat budget plus de maatwerkbudgetten van dezelfde gemeente en wet; zonder maatwerkbudget is er geen aandeel. Op deze KPI (<em>Aandeel voorliggend veld</em>) kan een strategiedoel worden gezet.
      </Paragraph>
      <section aria-labelledby="aandelen">
        <Heading2 id="aandelen">Aandeel van het budget sociaal domein</Heading2>
        {!data ? (
          <Paragraph>Laden…</Paragraph>
        ) : data.aandelen.length === 0 ? (
          <Paragraph>Geen budgetten in {year}.</Paragraph>
        ) : (
          <DataTable
            caption={`Voorliggend veld naast maatwerk per gemeente en wet, ${year}`}
            rows={data.aandelen}
            rowKey={(r) => `${r.gemeenteId}-${r.wet}`}
            exportName={`aandeel-voorliggend-${year}`}
            columns={[
              { key: 'gemeente', header: 'Gemeente', value: (r) => gemeenteNaam(r.gemeenteId) },
              { key: 'wet', header: 'Wet', value: (r) => wetNaam[r.wet] },
              { key: 'voorliggend', header: 'Voorliggend veld', kind: 'euro', total: true, value: (r) => r.voorliggendCents },
              { key: 'maatwerk', header: 'Maatwerk', kind: 'euro', total: true, value: (r) => r.maatwerkCents },
              { key: 'aandeel', header: 'Aandeel voorliggend', kind: 'percent', value: (r) => r.aandeelPct },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="regels">
        <Heading2 id="regels">Budgetregels</Heading2>
        <ActionResult action={remove} />
        {!data ? (
          <Paragraph>Laden…</Paragraph>
        ) : data.regels.length === 0 ? (
          <Paragraph>Nog geen budgetregels voor het voorliggend veld in {year}.</Paragraph>
        ) : (
          <DataTable
            caption={`Budgetregels voorliggend veld ${year}`}
            rows={data.regels}
            rowKey={(r) => r.id}
            pageSize={25}
            exportName={`voorliggend-veld-${year}`}
            columns={[
              { key: 'gemeente', header: 'Gemeente', value: (r) => gemeenteNaam(r.gemeenteId) },
              { key: 'wet', header: 'Wet', value: (r) => wetNaam[r.wet] },
              { key: 'soort', header: 'Soort', value: (r) => voorliggendSoortNaam[r.soort] },
              { key: 'organisatie', header: 'Organisatie', value: (r) => r.organisatie },
              { key: 'budget', header: 'Budget', kind: 'euro', total: true, value: (r) => r.budgetCents },
              { key: 'realisatie', header: 'Realisatie', kind: 'euro', total: true, value: (r) => r.realisatieCents },
              { key: 'bron', header: 'Realisatie uit', value: (r) => (r.realisatieBron === 'import' ? 'inlezen' : r.realisatieBron === 'invoer' ? 'invoer' : '–') },
              ...(canEdit
                ? [{
                    key: 'actie', header: 'Actie', sortable: false, value: () => '',
                    render: (r: VoorliggendLine) => (
                      <Button appearance="subtle-button" disabled={remove.busy} onClick={() => void remove.send(voorliggendDeleteSchema, { id: r.id }, post('/budgets/voorliggend/delete'), () => (reload(), `Budgetregel ${r.organisatie} verwijderd.`))}>
                        Verwijder<span className="koers-visually-hidden"> {r.organisatie}</span>
                      </Button>
                    ),
                  }]
                : []),
            ]}
          />
        )}
        <ExportLinks path={`/budgets/voorliggend/lines?year=${year}`} label="Deze budgetregels" />
      </section>
      {canEdit && region && <LineForm me={me} year={year} gemeenten={region.gemeenten} onDone={reload} />}
      {canEdit && <LineImport onDone={reload} />}
    </>
  )
}

function LineForm({ me, year, gemeenten, onDone }: { me: Me; year: number; gemeenten: { id: number; name: string }[]; onDone: () => void }) {
  const [gemeente, setGemeente] = useState(me.gemeenteId ? String(me.gemeenteId) : '')
  const [wet, setWet] = useState('')
  const [soort, setSoort] = useState('')
  const [organisatie, setOrganisatie] = useState('')
  const [budget, setBudget] = useState('')
  const [realisatie, setRealisatie] = useState('')
  const action = useAction({ gemeenteId: 'v-gemeente', wet: 'v-wet', soort: 'v-soort', organisatie: 'v-organisatie', budgetCents: 'v-budget', realisatieCents: 'v-realisatie' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cents = euroToCents(budget)
    const gerealiseerd = realisatie.trim() === '' ? null : euroToCents(realisatie)
    void action.send(
      voorliggendLineSchema,
      { gemeenteId: Number(gemeente), jaar: year, wet: wet as VoorliggendLineInput['wet'], soort: soort as VoorliggendSoort, organisatie, budgetCents: cents ?? Number.NaN, realisatieCents: gerealiseerd },
      post<{ nieuw: boolean }>('/budgets/voorliggend'),
      (r) => {
        setOrganisatie('')
        setBudget('')
        setRealisatie('')
        onDone()
        return `Budgetregel ${organisatie} ${r.nieuw ? 'vastgelegd' : 'gewijzigd'}: ${formatEuro(cents!)}.`
      },
      () => ({
        ...(gemeente === '' ? { gemeenteId: 'Kies een gemeente.' } : {}),
        ...(wet === '' ? { wet: 'Kies de wet.' } : {}),
        ...(soort === '' ? { soort: 'Kies de soort voorziening.' } : {}),
        ...verplicht({ organisatie: ['de organisatie', organisatie], budgetCents: ['het budget', budget] }),
        ...(budget.trim() !== '' && (cents === null || cents < 0) ? { budgetCents: `'${budget}' is geen bedrag in euro's (bijvoorbeeld 250.000 of 250000,00).` } : {}),
        ...(realisatie.trim() !== '' && (gerealiseerd === null || gerealiseerd < 0) ? { realisatieCents: `'${realisatie}' is geen bedrag in euro's.` } : {}),
      }),
    )
  }
  const soorten = Object.fromEntries(Object.entries(voorliggendSoortNaam)) as Record<VoorliggendSoort, string>
  return (
    <section aria-labelledby="regel-vastleggen">
      <Heading2 id="regel-vastleggen">Budgetregel {year} vastleggen of wijzigen</Heading2>
      <Paragraph>Dezelfde gemeente, wet, soort en organisatie wijzigt de bestaande regel.</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={submit} noValidate>
        <div className="koers-form-grid">
          <ChoiceField id="v-gemeente" label="Gemeente" action={action} path="gemeenteId" value={gemeente} onChange={(e) => setGemeente(e.target.value)} options={Object.fromEntries((me.gemeenteId ? gemeenten.filter((g) => g.id === me.gemeenteId) : gemeenten).map((g) => [String(g.id), g.name]))} empty="Kies een gemeente" required />
          <ChoiceField id="v-wet" label="Wet" action={action} path="wet" value={wet} onChange={(e) => setWet(e.target.value)} options={wetNaam} empty="Kies de wet" required />
          <ChoiceField id="v-soort" label="Soort" action={action} path="soort" value={soort} onChange={(e) => setSoort(e.target.value)} options={soorten} empty="Kies de soort" required />
          <TextField action={action} path="organisatie" id="v-organisatie" label="Organisatie" required value={organisatie} onChange={setOrganisatie} />
          <TextField action={action} path="budgetCents" id="v-budget" label="Budget (€)" required inputMode="decimal" value={budget} onChange={setBudget} />
          <TextField action={action} path="realisatieCents" id="v-realisatie" label="Realisatie (€, optioneel)" inputMode="decimal" value={realisatie} onChange={setRealisatie} />
        </div>
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Vastleggen
        </Button>
      </form>
    </section>
  )
}

function LineImport({ onDone }: { onDone: () => void }) {
  const action = useAction({ csv: 'voorliggend-bestand' }, { field: 'csv' })
  const upload = (file: File) =>
    void fileBody(file).then((body) =>
      action.send(spreadsheetUploadSchema, body, post<{ rows: number; nieuw: number }>('/budgets/voorliggend/import'), (r) => {
        onDone()
        return `${r.rows} regel(s) gelezen, ${r.nieuw} nieuw.`
      }),
    )
  return (
    <section aria-labelledby="voorliggend-import">
      <Heading2 id="voorliggend-import">Budgetregels en realisatie inlezen</Heading2>
      <Paragraph>
        Een CSV- of Excel-bestand met de kolommen <code>gemeente; jaar; wet; soort; organisatie; budget; realisatie; omschrijving</code> (gemeente als CBS-code of naam; wet jeugdwet of wmo; soort collectieve_voorziening, groepsaanbod, subsidie of taakgericht; realisatie en omschrijving mogen leeg zijn). Alle regels of geen: een fout noemt de regel.
      </Paragraph>
      <FileField action={action} path="csv" id="voorliggend-bestand" label="Bestand met budgetregels (CSV of Excel)" accept={SPREADSHEET_FILES} onFile={upload} disabled={action.busy} />
      <ActionResult action={action} />
    </section>
  )
}
