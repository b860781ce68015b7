import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import type { Account, Conversation, ToldSignal } from '../../../src/accounts/account.queries.ts'
import { Agreements } from '../components/Agreements.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { DossierDownload } from '../components/DossierDownload.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Me } from '../lib/api.ts'
import { formatDate, formatMomentDate } from '../lib/format.ts'

const signalLabel: Record<ToldSignal['soort'], string> = { voor_op_budget: 'Voor op budget', prognose_boven_budget: 'Prognose boven budget', plafond_bereikt: 'Bestedingsruimte bereikt' }
const statusLabel: Record<ToldSignal['status'], string> = { open: 'open', erkend: 'in behandeling', gesloten: 'gesloten' }

/** `#/mijn-account`: a provider's own account — planned conversations, the agreements (its part done with a note), its signals, its dossier. */
export function MijnAccountPage({ me }: { me: Me }) {
  const { data: account, reload } = useApi<Account & { signals: ToldSignal[] }>(`/accounts/${me.providerId}`)
  if (!account) return <Heading1>Mijn account</Heading1>
  return (
    <>
      <Heading1>Mijn account</Heading1>
      <Paragraph>
        {account.provider.name} (AGB-code {account.provider.agbCode}). Accounthouder(s) bij de regio: {account.holders.length === 0 ? 'nog niet benoemd' : account.holders.map((h) => h.name).join(', ')}.
      </Paragraph>
      <section aria-labelledby="mijn-gesprekken">
        <Heading2 id="mijn-gesprekken">Accountgesprekken</Heading2>
        <Paragraph>{account.planning.due === null ? 'Geen lopend contract.' : `Het volgende gesprek is uiterlijk ${formatDate(account.planning.due)}${account.planning.nextPlanned ? `; gepland op ${formatDate(account.planning.nextPlanned)}` : ''}.`}</Paragraph>
        <DataTable<Conversation>
          caption="Geplande en gehouden gesprekken"
          columns={[
            { key: 'date', header: 'Datum', value: (c) => c.heldOn ?? c.plannedOn, render: (c) => <a href={`#/gesprekken/${c.id}`}>{formatDate(c.heldOn ?? c.plannedOn)}</a> },
            { key: 'status', header: 'Status', value: (c) => c.status },
            { key: 'period', header: 'Periode', value: (c) => `${formatDate(c.periodFrom)} – ${formatDate(c.periodTo)}` },
          ]}
          rows={account.conversations}
          rowKey={(c) => c.id}
          empty="Nog geen gesprekken."
        />
      </section>
      <Agreements agreements={account.agreements} id="mijn-afspraken" title="Afspraken" act="provider-done" onDone={reload} />
      <section aria-labelledby="mijn-signalen">
        <Heading2 id="mijn-signalen">Signalen over uw budget</Heading2>
        <Paragraph>De signalen waarvan de contractstandaard zegt dat u ze te horen krijgt.</Paragraph>
        <DataTable<ToldSignal>
          caption="Signalen"
          columns={[
            { key: 'soort', header: 'Soort', value: (s) => signalLabel[s.soort] },
            { key: 'titel', header: 'Signaal', value: (s) => s.titel },
            { key: 'geopend', header: 'Geopend', value: (s) => s.geopendOp, render: (s) => formatMomentDate(s.geopendOp) },
            { key: 'status', header: 'Status', value: (s) => statusLabel[s.status] },
          ]}
          rows={account.signals}
          rowKey={(s) => s.id}
          empty="Geen signalen."
        />
      </section>
      <DossierDownload providerId={account.provider.id} />
    </>
  )
}
