import { Alert, FormField, FormLabel, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { type ChangeEvent, useState } from 'react'
import type { MailboxItem } from '../../src/exchange/mailbox.queries.ts'
import type { ReceiveResult } from '../../src/exchange/admit.ts'
import { type Me, ApiError, api, uploadXml } from './api.ts'
import { formatDate } from './format.ts'
import { useApi } from './useApi.ts'

const stateLabel: Record<string, string> = { verwerkt: 'verwerkt', afgekeurd: 'afgekeurd', klaar: 'klaar om op te halen', opgehaald: 'opgehaald' }
const outcomeLabel: Record<string, string> = { verwerkt: 'Verwerkt', afgekeurd: 'Afgekeurd', al_ontvangen: 'Al ontvangen — er verandert niets', onleesbaar: 'Niet te lezen (XML/XSD): geen retour mogelijk' }

/** Inbox and outbox: a provider sees its own traffic, a gemeente its own. */
export function MessagesPage({ me }: { me: Me }) {
  const inbox = useApi<MailboxItem[]>('/messages?direction=in')
  const outbox = useApi<MailboxItem[]>('/messages?direction=out')
  const [result, setResult] = useState<ReceiveResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const provider = me.providerId !== null
  // For a provider, what it sent is the gemeente's inbox and what it receives the outbox.
  const sent = provider ? inbox : outbox
  const received = provider ? outbox : inbox

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    if (!file) return
    setError(null)
    try {
      setResult(await uploadXml(new Uint8Array(await file.arrayBuffer())))
    } catch (err) {
      setResult(null)
      setError(err instanceof ApiError ? err.message : String(err))
    }
    e.target.value = ''
    inbox.reload()
    outbox.reload()
  }

  // Downloading is a plain GET and changes nothing; a provider then says it fetched the message (a POST with the CSRF token).
  const fetched = (m: MailboxItem) => {
    if (!provider || m.direction !== 'out' || m.state !== 'klaar') return
    api(`/messages/${m.id}/fetched`, { method: 'POST', body: {} })
      .then(() => outbox.reload())
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : String(err)))
  }

  return (
    <>
      <Heading1>Berichten</Heading1>
      <section aria-labelledby="upload">
        <Heading2 id="upload">Bericht aanleveren</Heading2>
        <Paragraph>Lever een iJw- of iWmo-bericht (302, 305, 307, 315, 317, 320 of een declaratie 323) aan als XML-bestand, tot 64 MB. Het antwoord (retourbericht of declaratie-antwoord 325) staat daarna bij de berichten.</Paragraph>
        <FormField>
          <FormLabel htmlFor="bestand">XML-bestand</FormLabel>
          <input id="bestand" type="file" accept=".xml,application/xml,text/xml" onChange={upload} />
        </FormField>
        {error && (
          <Alert type="error" role="alert">
            <Paragraph>{error}</Paragraph>
          </Alert>
        )}
        {result && (
          <Alert type={result.outcome === 'verwerkt' || result.outcome === 'al_ontvangen' ? 'ok' : 'error'} role="status">
            <Paragraph>
              {result.message} {result.identificatie}: <strong>{outcomeLabel[result.outcome]}</strong> — {result.retourCodes.length > 0 ? `retourcodes ${result.retourCodes.join(', ')}` : 'goedgekeurd, zonder retourcodes'}. {result.summary}
            </Paragraph>
            {result.retourXml && (
              <Paragraph>
                Het bericht is niet opgeslagen; het retourbericht gaat niet via de berichtenlijst.{' '}
                <a href={`data:application/xml;charset=utf-8,${encodeURIComponent(result.retourXml)}`} download={`retour-${result.identificatie ?? 'bericht'}.xml`}>
                  Retourbericht downloaden
                </a>
              </Paragraph>
            )}
            {result.problems.map((p, i) => (
              <Paragraph key={i}>
                {p.rule} ({p.retourcode}){p.path ? ` ${p.path}` : ''}: {p.message}
              </Paragraph>
            ))}
          </Alert>
        )}
      </section>
      <MessageTable title={provider ? 'Ontvangen van de gemeente' : 'Verstuurd aan aanbieders'} items={received.data} me={me} download onDownload={fetched} />
      <MessageTable title={provider ? 'Verstuurd aan de gemeente' : 'Ontvangen van aanbieders'} items={sent.data} me={me} download={!provider} onDownload={fetched} />
    </>
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
            <TableCell>{m.retourCodes.join(', ') || '–'}</TableCell>
            <TableCell>
              {m.summary}
              {m.problems.map((p, i) => (
                <div key={i} className="koers-muted">
                  {p.rule} ({p.retourcode}): {p.message}
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

