/**
 * Every page of the web app, once (issue 18 §3, §6): its hash path, its title, the permission it
 * needs (src/auth/permissions.ts; the server checks again), and what it shows. The menu, the
 * page title, the start page per role and "Pagina niet gevonden" are read from this table.
 */
import type { ReactNode } from 'react'
import { type Me, may } from './lib/api.ts'
import { AccountPage } from './pages/AccountPage.tsx'
import { AllocationsPage } from './pages/AllocationsPage.tsx'
import { AuditPage } from './pages/AuditPage.tsx'
import { BestedingsruimtePage } from './pages/BestedingsruimtePage.tsx'
import { BudgetPage } from './pages/BudgetPage.tsx'
import { BudgetSignalsPage } from './pages/BudgetSignalsPage.tsx'
import { VoorliggendPage } from './pages/VoorliggendPage.tsx'
import { ScenarioPage } from './pages/ScenarioPage.tsx'
import { ClientFilePage } from './pages/ClientFilePage.tsx'
import { ClientSearchPage } from './pages/ClientSearchPage.tsx'
import { ContractmanagementPage } from './pages/ContractmanagementPage.tsx'
import { DashboardPage } from './pages/DashboardPage.tsx'
import { DeclaratiePage } from './pages/DeclaratiePage.tsx'
import { DeclaratiesPage } from './pages/DeclaratiesPage.tsx'
import { GesprekPage } from './pages/GesprekPage.tsx'
import { MessagesPage } from './pages/MessagesPage.tsx'
import { MijnAccountPage } from './pages/MijnAccountPage.tsx'
import { OutcomesPage } from './pages/OutcomesPage.tsx'
import { RechtmatigheidPage } from './pages/RechtmatigheidPage.tsx'
import { RegionPage } from './pages/RegionPage.tsx'
import { ScorecardPage } from './pages/ScorecardPage.tsx'
import { SegmentPage } from './pages/SegmentPage.tsx'
import { SegmentsPage } from './pages/SegmentsPage.tsx'
import { SignalsPage } from './pages/SignalsPage.tsx'
import { SteekproefPage } from './pages/SteekproefPage.tsx'
import { TermijnenPage } from './pages/TermijnenPage.tsx'
import { TweedeMeningBevindingenPage } from './pages/TweedeMeningBevindingenPage.tsx'
import { TweedeMeningPage } from './pages/TweedeMeningPage.tsx'
import { WorkQueuePage } from './pages/WorkQueuePage.tsx'
import { IntegriteitPage } from './pages/IntegriteitPage.tsx'
import { IntegriteitAanbiederPage } from './pages/IntegriteitAanbiederPage.tsx'
import { IntegriteitSignalenPage } from './pages/IntegriteitSignalenPage.tsx'
import { OnderzoekenPage } from './pages/OnderzoekenPage.tsx'

interface PageContext {
  me: Me
  query: URLSearchParams
  /** The number in the path (`client/12` → 12), for pages of one thing. */
  id: number
}

export interface RouteDef {
  /** The hash path after `#/`; `:id` stands for a number. */
  path: string
  title: string
  /** The permission the page needs; without it the menu leaves the page out and the page says so. */
  permission: string
  /** More than the permission, where a page needs it (a provider's own scorecard). */
  when?: (me: Me) => boolean
  page: (c: PageContext) => ReactNode
}

export const routes: RouteDef[] = [
  { path: 'dashboard', title: 'Dashboard', permission: 'dashboard.read', page: ({ me }) => <DashboardPage me={me} /> },
  { path: 'budgetten', title: 'Budgetten', permission: 'budget.read', page: ({ me, query }) => <BudgetPage me={me} query={query} /> },
  { path: 'bestedingsruimte', title: 'Bestedingsruimte', permission: 'bestedingsruimte.read', page: ({ me }) => <BestedingsruimtePage me={me} /> },
  { path: 'voorliggend-veld', title: 'Voorliggend veld', permission: 'budget.gemeente.read', page: ({ me, query }) => <VoorliggendPage me={me} query={query} /> },
  { path: 'scenarios', title: "Scenario's", permission: 'scenario.read', page: ({ me }) => <ScenarioPage me={me} /> },
  { path: 'budgetsignalen', title: 'Budgetsignalen', permission: 'budgetsignaal.read', page: ({ me, query }) => <BudgetSignalsPage me={me} query={query} /> },
  { path: 'regio', title: 'Regio', permission: 'region.read', page: ({ me }) => <RegionPage me={me} /> },
  { path: 'segmenten', title: 'Segmenten', permission: 'kpi.read', page: ({ me }) => <SegmentsPage me={me} /> },
  { path: 'segmenten/:id', title: 'Segment', permission: 'kpi.read', page: ({ me, id }) => <SegmentPage id={id} me={me} /> },
  { path: 'aanbieders/:id/scorekaart', title: 'Scorekaart', permission: 'kpi.read', page: ({ id }) => <ScorecardPage id={id} /> },
  { path: 'scorekaart', title: 'Scorekaart', permission: 'kpi.read', when: (me) => me.providerId !== null, page: ({ me }) => <ScorecardPage id={me.providerId!} /> },
  { path: 'uitkomsten', title: 'Uitkomsten', permission: 'kpi.read', page: ({ me }) => <OutcomesPage me={me} /> },
  { path: 'werkvoorraad', title: 'Werkvoorraad', permission: 'request.read', page: () => <WorkQueuePage /> },
  { path: 'clienten', title: 'Cliënt zoeken', permission: 'client.read', page: () => <ClientSearchPage /> },
  { path: 'client/:id', title: 'Dossier', permission: 'client.read', page: ({ me, id }) => <ClientFilePage clientId={id} me={me} /> },
  { path: 'berichten', title: 'Berichten', permission: 'message.read', page: ({ me }) => <MessagesPage me={me} /> },
  { path: 'signalen', title: 'Signalen', permission: 'signal.toegang', page: ({ me }) => <SignalsPage me={me} /> },
  { path: 'termijnen', title: 'Termijnen', permission: 'termijn.read', page: () => <TermijnenPage /> },
  { path: 'toewijzingen', title: 'Toewijzingen', permission: 'toewijzing.totals', page: () => <AllocationsPage /> },
  { path: 'declaraties', title: 'Declaraties', permission: 'declaratie.read', page: ({ me }) => <DeclaratiesPage me={me} /> },
  { path: 'declaraties/:id', title: 'Declaratie', permission: 'declaratie.read', page: ({ id }) => <DeclaratiePage id={id} /> },
  { path: 'rechtmatigheid', title: 'Rechtmatigheid', permission: 'rechtmatigheid.read', page: ({ me }) => <RechtmatigheidPage me={me} /> },
  { path: 'steekproef/:id', title: 'Steekproef', permission: 'rechtmatigheid.read', page: ({ me, id }) => <SteekproefPage id={id} me={me} /> },
  { path: 'inzage', title: 'Inzage', permission: 'audit.read', page: ({ me }) => <AuditPage me={me} /> },
  { path: 'contractmanagement', title: 'Contractmanagement', permission: 'account.read', when: (me) => me.providerId === null, page: () => <ContractmanagementPage /> },
  { path: 'accounts/:id', title: 'Account', permission: 'account.read', when: (me) => me.providerId === null, page: ({ id }) => <AccountPage id={id} /> },
  { path: 'gesprekken/:id', title: 'Accountgesprek', permission: 'account.read', page: ({ me, id }) => <GesprekPage id={id} me={me} /> },
  { path: 'mijn-account', title: 'Mijn account', permission: 'account.read', when: (me) => me.providerId !== null, page: ({ me }) => <MijnAccountPage me={me} /> },
  { path: 'integriteit', title: 'Integriteit', permission: 'integriteit.read', page: ({ me }) => <IntegriteitPage me={me} /> },
  { path: 'integriteit/:id', title: 'Integriteit aanbieder', permission: 'integriteit.read', page: ({ me, id }) => <IntegriteitAanbiederPage id={id} me={me} /> },
  { path: 'integriteitssignalen', title: 'Integriteitssignalen', permission: 'integriteitsignaal.read', page: ({ me, query }) => <IntegriteitSignalenPage me={me} query={query} /> },
  { path: 'onderzoeken', title: 'Onderzoeken', permission: 'onderzoek.read', page: ({ me, query }) => <OnderzoekenPage me={me} query={query} /> },
  { path: 'tweede-mening', title: 'Tweede mening', permission: 'archief.tweede_mening.read', page: () => <TweedeMeningPage /> },
  { path: 'tweede-mening/bevindingen', title: 'Tweede mening: bevindingen', permission: 'archief.tweede_mening.read', page: ({ query }) => <TweedeMeningBevindingenPage query={query} /> },
]

/** The menu of each role, in its order: its work first (issue 18 §6). The first entry is where it starts. */
const menus: Record<string, [path: string, label: string][]> = {
  lokaal_team: [['werkvoorraad', 'Werkvoorraad'], ['clienten', 'Cliënt zoeken'], ['signalen', 'Signalen'], ['toewijzingen', 'Toewijzingen'], ['berichten', 'Berichten'], ['uitkomsten', 'Uitkomsten'], ['segmenten', 'Segmenten'], ['regio', 'Regio']],
  gemeente: [['dashboard', 'Dashboard'], ['segmenten', 'Segmenten'], ['budgetten', 'Budgetten'], ['voorliggend-veld', 'Voorliggend veld'], ['scenarios', "Scenario's"], ['budgetsignalen', 'Budgetsignalen'], ['regio', 'Regio'], ['berichten', 'Berichten'], ['signalen', 'Signalen'], ['toewijzingen', 'Toewijzingen'], ['declaraties', 'Declaraties'], ['rechtmatigheid', 'Rechtmatigheid'], ['integriteit', 'Integriteit'], ['integriteitssignalen', 'Integriteitssignalen'], ['tweede-mening', 'Tweede mening'], ['inzage', 'Inzage']],
  aanbieder: [['berichten', 'Berichten'], ['scorekaart', 'Scorekaart'], ['mijn-account', 'Mijn account'], ['uitkomsten', 'Uitkomsten'], ['segmenten', 'Segmenten'], ['budgetten', 'Budget'], ['bestedingsruimte', 'Bestedingsruimte'], ['toewijzingen', 'Toewijzingen'], ['declaraties', 'Declaraties'], ['termijnen', 'Termijnen'], ['integriteit', 'Integriteit'], ['onderzoeken', 'Onderzoeken'], ['tweede-mening', 'Tweede mening'], ['regio', 'Regio']],
  regio: [['dashboard', 'Dashboard'], ['contractmanagement', 'Contractmanagement'], ['segmenten', 'Segmenten'], ['budgetten', 'Budgetten'], ['voorliggend-veld', 'Voorliggend veld'], ['scenarios', "Scenario's"], ['budgetsignalen', 'Budgetsignalen'], ['bestedingsruimte', 'Bestedingsruimte'], ['regio', 'Regio'], ['toewijzingen', 'Toewijzingen'], ['integriteit', 'Integriteit'], ['integriteitssignalen', 'Integriteitssignalen'], ['onderzoeken', 'Onderzoeken'], ['tweede-mening', 'Tweede mening'], ['inzage', 'Inzage']],
  toezichthouder: [['rechtmatigheid', 'Rechtmatigheid'], ['dashboard', 'Dashboard'], ['declaraties', 'Declaraties'], ['signalen', 'Signalen'], ['berichten', 'Berichten'], ['clienten', 'Cliënt zoeken'], ['segmenten', 'Segmenten'], ['budgetsignalen', 'Budgetsignalen'], ['toewijzingen', 'Toewijzingen'], ['integriteit', 'Integriteit'], ['integriteitssignalen', 'Integriteitssignalen'], ['onderzoeken', 'Onderzoeken'], ['tweede-mening', 'Tweede mening'], ['regio', 'Regio']],
}

/** True when the user may open the page (its permission, and its own condition). */
export const mayOpen = (me: Me, r: RouteDef): boolean => may(me, r.permission) && (r.when?.(me) ?? true)

/** The menu of the user: only pages it may open. */
export function menuFor(me: Me): [string, string][] {
  return (menus[me.role] ?? []).filter(([path]) => {
    const r = routes.find((x) => x.path === path)
    return r !== undefined && mayOpen(me, r)
  })
}

/** Where the user starts: the first page of its menu (its work). */
export const startOf = (me: Me): string => menuFor(me)[0]?.[0] ?? 'regio'

/** The route for a hash path, with the number it names; undefined when there is none. */
export function match(path: string): { route: RouteDef; id: number } | undefined {
  for (const route of routes) {
    const re = new RegExp(`^${route.path.replace(':id', '(\\d+)')}$`)
    const m = re.exec(path)
    if (m) return { route, id: m[1] === undefined ? 0 : Number(m[1]) }
  }
  return undefined
}
