import { Alert, FormField, FormLabel, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import { type ChangeEvent, useEffect, useState } from 'react'
import type { MailboxItem } from '../../../src/exchange/mailbox.queries.ts'
import type { ReceiveResult } from '../../../src/exchange/admit.ts'
import { retourcodeTekst } from '../../../src/istandaarden/retourcodes.ts'
import { emptyBody } from '../../../src/shared/request.schema.ts'
import { type Me, post, uploadXml } from '../lib/api.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { formatDate } from '../lib/format.ts'
import { messageStateLabels } from '../../../src/exchange/message-state.rules.ts'
import { Field } from '../components/fields.tsx'
import { DateField } from '../components/DateField.tsx'
import { isDateOrEmpty } from '../lib/date-nl.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import type { SortState } from '../components/table-model.ts'
import { useApi } from '../hooks/useApi.ts'

/** What became of an uploaded message, in a sentence for the person who uploaded it. */
const outcomeText: Record<string, string> = {
  verwerkt: 'Verwerkt: het bericht is ontvangen en verwerkt.',
  afgekeurd: 'Afgekeurd: het bericht is ontvangen, maar afgekeurd. Het retourbericht zegt waarom; de redenen staan hieronder.',
  al_ontvangen: 'Al ontvangen: dit bericht was er al; er verandert niets.',
  onleesbaar: 'Niet te lezen: dit bestand is geen XML, of het volgt het XSD-schema van de iStandaard niet. Er is niets opgeslagen en er komt geen retourbericht.',
}

/** Inbox and outbox: a provider sees its own traffic, a gemeente its own. */
export function MessagesPage({ me }: { me: Me }) {
  // Bumped after an upload or a fetch: the lists ask the server again.
  const [version, setVersion] = useState(0)
  const reload = () => setVersion((v) => v + 1)
  const [result, setResult] = useState<{ file: string; answer: ReceiveResult } | null>(null)
  const upload = useAction()
  const fetchedAction = useAction()
  const provider = me.providerId !== null
  // For a provider, what it sent is the gemeente's inbox (direction in) and what it receives the outbox (out).

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target
    const file = input.files?.[0]
    if (!file) return
    setResult(null)
    void upload
      .run(async () => {
        const answer = await uploadXml(new Uint8Array(await file.arrayBuffer()))
        setResult({ file: file.name, answer })
        return null
      })
      .finally(() => {
        input.value = ''
        reload()
      })
  }

  // Downloading is a plain GET and changes nothing; a provider then says it fetched the message (a POST with the CSRF token).
  const fetched = (m: MailboxItem) => {
    if (!provider || m.direction !== 'out' || m.state !== 'klaar') return
    void fetchedAction.send(emptyBody, {}, post(`/messages/${m.id}/fetched`), () => {
      reload()
      return null
    })
  }

  return (
    <>
      <Heading1>Berichten</Heading1>
      <section aria-labelledby="upload">
        <Heading2 id="upload">Bericht aanleveren</Heading2>
        <Paragraph>Lever een iJw- of iWmo-bericht (302, 305, 307, 315, 317, 320 of een declaratie 323) aan als XML-bestand, tot 64 MB. Het antwoord (retourbericht of declaratie-antwoord 325) staat daarna bij de berichten.</Paragraph>
        <FormField>
          <FormLabel htmlFor="bestand">XML-bestand</FormLabel>
          <input id="bestand" type="file" accept=".xml,application/xml,text/xml" onChange={onFile} disabled={upload.busy} />
        </FormField>
        {upload.busy && <Paragraph role="status">Bezig met verwerken…</Paragraph>}
        <ActionResult action={upload} />
        <ActionResult action={fetchedAction} />
        {result && <UploadAnswer file={result.file} result={result.answer} />}
      </section>
      <MessageTable title={provider ? 'Ontvangen van de gemeente' : 'Ontvangen van aanbieders'} direction={provider ? 'out' : 'in'} me={me} download onDownload={fetched} version={version} />
      <MessageTable title={provider ? 'Verstuurd aan de gemeente' : 'Verstuurd aan aanbieders'} direction={provider ? 'in' : 'out'} me={me} download={!provider} onDownload={fetched} version={version} />
    </>
  )
}

/** The answer on an upload, in Dutch: what happened, each retourcode with its meaning, the technical findings behind a summary. */
function UploadAnswer({ file, result }: { file: string; result: ReceiveResult }) {
  const ok = result.outcome === 'verwerkt' || result.outcome === 'al_ontvangen'
  const codes = result.retourCodes ?? []
  const problems = result.problems ?? []
  const which = [result.message, result.identificatie].filter(Boolean).join(' ')
  return (
    <Alert type={ok ? 'ok' : 'error'} role="status">
      <Paragraph>
        <strong>{file}</strong>
        {which ? ` (${which})` : ''}: {outcomeText[result.outcome] ?? 'Het bericht is ontvangen.'}
      </Paragraph>
      {codes.length > 0 ? (
        <ul>
          {codes.map((c) => (
            <li key={c}>
              Retourcode {c}: {retourcodeTekst(c)}
            </li>
          ))}
        </ul>
      ) : (
        result.outcome === 'verwerkt' && <Paragraph>Goedgekeurd, zonder retourcodes.</Paragraph>
      )}
      {result.retourXml && (
        <Paragraph>
          Het bericht is niet opgeslagen; het retourbericht staat daarom niet bij de berichten.{' '}
          <a href={`data:application/xml;charset=utf-8,${encodeURIComponent(result.retourXml)}`} download={`retour-${result.identificatie ?? 'bericht'}.xml`}>
            Retourbericht downloaden
          </a>
        </Paragraph>
      )}
      {problems.length > 0 && (
        <details>
          <summary>Technische details ({problems.length})</summary>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {retourcodeTekst(p.retourcode)}{' '}
                <span className="koers-muted">
                  (regel {p.rule}, retourcode {p.retourcode}
                  {p.path ? `, ${p.path}` : ''}: {p.message})
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Alert>
  )
}

interface MessagePage {
  total: number
  limit: number
  offset: number
  items: MailboxItem[]
}

/** The message types a list can be narrowed to (what flows between gemeente and provider). */
const messageTypes = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '320', '323', '325']
const PAGE = 50

/**
 * One direction of the traffic as a search on the server (GET /api/messages): filters, a sort on
 * every column and pages of 50 with the total, and the whole search as CSV or XLSX.
 */
function MessageTable({ title, direction, me, download, onDownload, version }: { title: string; direction: 'in' | 'out'; me: Me; download: boolean; onDownload: (m: MailboxItem) => void; version: number }) {
  const provider = me.providerId !== null
  const [filter, setFilter] = useState({ type: '', state: '', provider: '', identificatie: '', from: '', to: '' })
  const [sort, setSort] = useState<SortState | null>(null)
  const [offset, setOffset] = useState(0)
  const providers = useApi<{ id: number; name: string }[]>(provider ? null : '/providers')
  const params = new URLSearchParams({ direction })
  for (const [k, v] of Object.entries(filter)) if (v.trim()) params.set(k, v.trim())
  if (sort) {
    params.set('sort', sort.key)
    params.set('dir', sort.direction)
  }
  const search = params.toString()
  const page = useApi<MessagePage>(`/messages?${search}&limit=${PAGE}&offset=${offset}`)
  const { reload } = page
  useEffect(() => {
    if (version > 0) reload()
  }, [version, reload])
  const set = (key: keyof typeof filter) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setFilter({ ...filter, [key]: e.target.value })
    setOffset(0)
  }
  // A dagtekening filters once it is a date (or empty again); text that is no date yet leaves the list as it is.
  const setDate = (key: 'from' | 'to') => (value: string) => {
    if (!isDateOrEmpty(value)) return
    setFilter({ ...filter, [key]: value })
    setOffset(0)
  }
  const id = `berichten-${direction}`
  const columns: DataColumn<MailboxItem>[] = [
    { key: 'code', header: 'Bericht', value: (m) => m.name, render: (m) => (<>{m.name} <span className="koers-muted">{m.title}</span></>) },
    { key: 'identificatie', header: 'Identificatie', value: (m) => m.identificatie },
    { key: 'dagtekening', header: 'Dagtekening', value: (m) => m.dagtekening, render: (m) => formatDate(m.dagtekening) },
    provider ? { key: 'gemeente', header: 'Gemeente', value: (m) => m.gemeenteName } : { key: 'provider', header: 'Aanbieder', value: (m) => m.providerName },
    { key: 'state', header: 'Status', value: (m) => (messageStateLabels as Record<string, string>)[m.state] ?? m.state },
    { key: 'retourcodes', header: 'Retourcodes', sortable: false, value: (m) => m.retourCodes.join(', ') },
    {
      key: 'summary',
      header: 'Samenvatting',
      sortable: false,
      value: (m) => m.summary,
      render: (m) => (
        <>
          {m.summary}
          {(m.problems ?? []).map((p, i) => (
            <div key={i} className="koers-muted">
              {retourcodeTekst(p.retourcode)} (regel {p.rule}, retourcode {p.retourcode})
            </div>
          ))}
        </>
      ),
    },
    ...(download
      ? [
          {
            key: 'xml',
            header: 'XML',
            sortable: false,
            value: () => null,
            render: (m: MailboxItem) =>
              m.xmlAvailable ? (
                <a href={`/api/messages/${m.id}/xml`} download onClick={() => onDownload(m)}>
                  downloaden
                </a>
              ) : (
                <span className="koers-muted" title="Dit bericht noemt een cliënt; de XML is voor wie persoonsgegevens mag inzien, of het is als declaratieregels bewaard.">
                  niet beschikbaar
                </span>
              ),
          } satisfies DataColumn<MailboxItem>,
        ]
      : []),
  ]
  return (
    <section>
      {/* The heading names the list; the table's own region carries the name (one landmark per list). */}
      <Heading2 id={`${id}-kop`}>{title}</Heading2>
      {page.error && (
        <Alert type="error" role="alert">
          <Paragraph>{page.error}</Paragraph>
        </Alert>
      )}
      <DataTable
        caption={title}
        columns={columns}
        rows={page.data?.items ?? null}
        rowKey={(m) => m.id}
        empty="Geen berichten."
        server={{ total: page.data?.total ?? 0, offset, limit: PAGE, sort, onSort: (s) => (setSort(s), setOffset(0)), onOffset: setOffset, downloadHref: (format) => `/api/messages?${search}&format=${format}` }}
        tools={
          <div className="koers-form-row">
            <Field id={`${id}-type`} label="Berichttype">
              <select id={`${id}-type`} className="utrecht-select utrecht-select--html-select" value={filter.type} onChange={set('type')}>
                <option value="">alle</option>
                {messageTypes.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${id}-state`} label="Status">
              <select id={`${id}-state`} className="utrecht-select utrecht-select--html-select" value={filter.state} onChange={set('state')}>
                <option value="">alle</option>
                {Object.entries(messageStateLabels).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            {!provider && providers.data && (
              <Field id={`${id}-provider`} label="Aanbieder">
                <select id={`${id}-provider`} className="utrecht-select utrecht-select--html-select" value={filter.provider} onChange={set('provider')}>
                  <option value="">alle</option>
                  {providers.data.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <Field id={`${id}-ident`} label="Identificatie">
              <input id={`${id}-ident`} className="utrecht-textbox utrecht-textbox--html-input" value={filter.identificatie} onChange={set('identificatie')} />
            </Field>
            <DateField id={`${id}-from`} label="Dagtekening vanaf" value={filter.from} onChange={setDate('from')} />
            <DateField id={`${id}-to`} label="Dagtekening tot en met" value={filter.to} onChange={setDate('to')} />
          </div>
        }
      />
    </section>
  )
}
