import { Button, Heading1, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import { TextField } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import type { ClientSummary } from '../../../src/clients/client-file.queries.ts'
import { clientSearchSchema } from '../../../src/clients/client.schema.ts'
import { post } from '../lib/api.ts'

/** Search a client by BSN (in the request body, audited) and open the file. */
export function ClientSearchPage() {
  const [bsn, setBsn] = useState('')
  const [result, setResult] = useState<ClientSummary | null | undefined>(undefined)
  const action = useAction()
  const search = (e: FormEvent) => {
    e.preventDefault()
    setResult(undefined)
    void action.send(
      clientSearchSchema,
      { bsn: bsn.replace(/\D/g, '') },
      post<{ client: ClientSummary | null }>('/clients/search'),
      ({ client }) => {
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
