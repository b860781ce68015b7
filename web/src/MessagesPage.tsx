import { Alert, FormField, FormLabel, Heading1, Heading2, Paragraph, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { type ChangeEvent, useState } from 'react'
import type { MailboxItem } from '../../src/exchange/mailbox.queries.ts'
import type { ReceiveResult } from '../../src/exchange/admit.ts'
import { retourcodeTekst } from '../../src/istandaarden/retourcodes.ts'
import { type Me, api, foutTekst, uploadXml } from './api.ts'
import { ActionResult, useAction } from './useAction.tsx'
import { formatDate } from './format.ts'
import { useApi } from './useApi.ts'
import { Table } from './Table.tsx'

const stateLabel: Record<string, string> = { verwerkt: 'verwerkt', afgekeurd: 'afgekeurd', klaar: 'klaar om op te halen', opgehaald: 'opgehaald' }
/** What became of an uploaded message, in a sentence for the person who uploaded it. */
const outcomeText: Record<string, string> = {
  verwerkt: 'Verwerkt: het bericht is ontvangen en verwerkt.',
  afgekeurd: 'Afgekeurd: het bericht is ontvangen, maar afgekeurd. Het retourbericht zegt waarom; de redenen staan hieronder.',
  al_ontvangen: 'Al ontvangen: dit bericht was er al; er verandert niets.',
  onleesbaar: 'Niet te lezen: dit bestand is geen XML, of het volgt het XSD-schema van de iStandaard niet. Er is niets opgeslagen en er komt geen retourbericht.',
}

/** Inbox and outbox: a provider sees its own traffic, a gemeente its own. */
export function MessagesPage({ me }: { me: Me }) {
  const inbox = useApi<MailboxItem[]>('/messages?direction=in')
  const outbox = useApi<MailboxItem[]>('/messages?direction=out')
  const [result, setResult] = useState<{ file: string; answer: ReceiveResult } | null>(null)
  const upload = useAction()
  const [fetchError, setFetchError] = useState<string | null>(null)
  const provider = me.providerId !== null
  // For a provider, what it sent is the gemeente's inbox and what it receives the outbox.
  const sent = provider ? inbox : outbox
  const received = provider ? outbox : inbox

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
        inbox.reload()
        outbox.reload()
      })
  }

  // Downloading is a plain GET and changes nothing; a provider then says it fetched the message (a POST with the CSRF token).
  const fetched = (m: MailboxItem) => {
    if (!provider || m.direction !== 'out' || m.state !== 'klaar') return
    api(`/messages/${m.id}/fetched`, { method: 'POST', body: {} })
      .then(() => outbox.reload())
      .catch((err: unknown) => setFetchError(foutTekst(err)))
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
        {fetchError && (
          <Alert type="error" role="alert">
            <Paragraph>{fetchError}</Paragraph>
          </Alert>
        )}
        {result && <UploadAnswer file={result.file} result={result.answer} />}
      </section>
      <MessageTable title={provider ? 'Ontvangen van de gemeente' : 'Verstuurd aan aanbieders'} items={received.data} me={me} download onDownload={fetched} />
      <MessageTable title={provider ? 'Verstuurd aan de gemeente' : 'Ontvangen van aanbieders'} items={sent.data} me={me} download={!provider} onDownload={fetched} />
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

function MessageTable({ title, items, me, download, onDownload }: { title: string; items: MailboxItem[] | null; me: Me; download: boolean; onDownload: (m: MailboxItem) => void }) {
  if (items === null) return <Paragraph>Berichten laden…</Paragraph>
  return (
    <Table>
      <TableCaption>{title}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Bericht</TableHeaderCell>
          <TableHeaderCell>Identificatie</TableHeaderCell>
          <TableHeaderCell>Dagtekening</TableHeaderCell>
          <TableHeaderCell>{me.providerId !== null ? 'Gemeente' : 'Aanbieder'}</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Retourcodes</TableHeaderCell>
          <TableHeaderCell>Samenvatting</TableHeaderCell>
          {download && <TableHeaderCell>XML</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.length === 0 && (
          <TableRow>
            <TableCell colSpan={8}>Geen berichten.</TableCell>
          </TableRow>
        )}
        {items.map((m) => (
          <TableRow key={m.id}>
            <TableCell>
              {m.name} <span className="koers-muted">{m.title}</span>
            </TableCell>
            <TableCell>{m.identificatie}</TableCell>
            <TableCell>{formatDate(m.dagtekening)}</TableCell>
            <TableCell>{me.providerId !== null ? m.gemeenteName : m.providerName}</TableCell>
            <TableCell>{stateLabel[m.state]}</TableCell>
            <TableCell>{(m.retourCodes ?? []).join(', ') || '–'}</TableCell>
            <TableCell>
              {m.summary}
              {(m.problems ?? []).map((p, i) => (
                <div key={i} className="koers-muted">
                  {retourcodeTekst(p.retourcode)} (regel {p.rule}, retourcode {p.retourcode})
                </div>
              ))}
            </TableCell>
            {download && (
              <TableCell>
                {m.xmlAvailable ? (
                  <a href={`/api/messages/${m.id}/xml`} download onClick={() => onDownload(m)}>
                    downloaden
                  </a>
                ) : (
                  <span className="koers-muted" title="Dit bericht noemt een cliënt; de XML is voor wie persoonsgegevens mag inzien, of het is als declaratieregels bewaard.">
                    niet beschikbaar
                  </span>
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

