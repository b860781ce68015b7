import { Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react'
import type { AccountLine } from '../../../src/accounts/account.queries.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { useApi } from '../hooks/useApi.ts'
import { formatDate } from '../lib/format.ts'

const dueLabel: Record<string, string> = { verlopen: 'te laat', binnenkort: 'binnenkort', op_tijd: 'op tijd' }
const dueBadge: Record<string, string> = { verlopen: 'danger', binnenkort: 'warning', op_tijd: 'success' }

/** `#/contractmanagement`: the region's work list — accounts with a conversation or agreement due or overdue first, then every account. */
export function ContractmanagementPage() {
  const { data: accounts } = useApi<AccountLine[]>('/accounts')
  const columns: DataColumn<AccountLine>[] = [
    { key: 'name', header: 'Aanbieder', value: (a) => a.name, render: (a) => <a href={`#/accounts/${a.providerId}`}>{a.name}</a> },
    { key: 'holders', header: 'Accounthouder(s)', value: (a) => a.holders.join(', ') || 'geen' },
    { key: 'segments', header: 'Segmenten', value: (a) => a.segments.join(', ') },
    { key: 'due', header: 'Volgend gesprek uiterlijk', value: (a) => a.planning.due ?? '', render: (a) => (a.planning.due ? formatDate(a.planning.due) : '–') },
    { key: 'status', header: 'Gesprek', value: (a) => (a.planning.status ? dueLabel[a.planning.status]! : ''), render: (a) => (a.planning.status ? <StatusBadge status={dueBadge[a.planning.status]}>{dueLabel[a.planning.status]}</StatusBadge> : '–') },
    { key: 'planned', header: 'Gepland op', value: (a) => a.planning.nextPlanned ?? '', render: (a) => (a.planning.nextPlanned ? formatDate(a.planning.nextPlanned) : '–') },
    { key: 'open', header: 'Open afspraken', kind: 'number', value: (a) => a.agreements.open },
    { key: 'late', header: 'Afspraken te laat', kind: 'number', value: (a) => a.agreements.verlopen },
    { key: 'soon', header: 'Afspraken binnenkort', kind: 'number', value: (a) => a.agreements.binnenkort },
  ]
  const todo = (accounts ?? []).filter((a) => a.attention)
  return (
    <>
      <Heading1>Contractmanagement</Heading1>
      <Paragraph>Per aanbieder een account met de gesprekscadans van zijn segmenten (het instrument leveranciersmanagement). Een gesprek is te laat als de cadans sinds het laatste gesprek verstreken is; een afspraak als haar datum voorbij is en zij niet gesloten is.</Paragraph>
      <section aria-labelledby="te-doen">
        <Heading2 id="te-doen">Te doen</Heading2>
        <DataTable caption="Accounts met een gesprek of afspraak die te laat is of binnenkort komt" columns={columns} rows={accounts === null ? null : todo} rowKey={(a) => a.providerId} exportName="contractmanagement-te-doen" empty="Niets te laat of binnenkort." />
      </section>
      <section aria-labelledby="alle-accounts">
        <Heading2 id="alle-accounts">Alle accounts</Heading2>
        <DataTable caption="Alle accounts" columns={columns} rows={accounts} rowKey={(a) => a.providerId} exportName="accounts" />
      </section>
    </>
  )
}
