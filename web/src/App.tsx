import {
  Document,
  Heading1,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
  Button,
} from '@utrecht/component-library-react'
import { useEffect, useState } from 'react'
import { ApiError, type Me, api, setCsrfToken } from './api.ts'
import { LoginPage } from './LoginPage.tsx'
import { RegionPage } from './RegionPage.tsx'
import { BudgetPage, BudgetSignalsPage, DashboardPage } from './DashboardPages.tsx'
import { AllocationsPage } from './AllocationsPage.tsx'
import { AuditPage } from './AuditPage.tsx'
import { OutcomesPage, ScorecardPage, SegmentPage, SegmentsPage } from './StrategyPages.tsx'
import { MessagesPage } from './MessagesPage.tsx'
import { DeclaratiePage, DeclaratiesPage, RechtmatigheidPage, SteekproefPage } from './DeclaratiesPages.tsx'
import { ClientFilePage, ClientSearchPage, SignalsPage, WorkQueuePage } from './ToegangPages.tsx'
import { TermijnenSection } from './TermijnenSection.tsx'

/** The pages each role gets, in the order of the navigation. */
const pagesFor: Record<string, [string, string][]> = {
  lokaal_team: [['', 'Regio'], ['werkvoorraad', 'Werkvoorraad'], ['clienten', 'Cliënt zoeken'], ['uitkomsten', 'Uitkomsten'], ['segmenten', 'Segmenten'], ['berichten', 'Berichten'], ['signalen', 'Signalen'], ['toewijzingen', 'Toewijzingen']],
  gemeente: [['', 'Dashboard'], ['segmenten', 'Segmenten'], ['budgetten', 'Budgetten'], ['budgetsignalen', 'Budgetsignalen'], ['regio', 'Regio'], ['berichten', 'Berichten'], ['signalen', 'Signalen'], ['toewijzingen', 'Toewijzingen'], ['declaraties', 'Declaraties'], ['rechtmatigheid', 'Rechtmatigheid'], ['inzage', 'Inzage']],
  aanbieder: [['', 'Regio'], ['scorekaart', 'Scorekaart'], ['uitkomsten', 'Uitkomsten'], ['segmenten', 'Segmenten'], ['budgetten', 'Budget'], ['berichten', 'Berichten'], ['toewijzingen', 'Toewijzingen'], ['declaraties', 'Declaraties'], ['termijnen', 'Termijnen']],
  regio: [['', 'Dashboard'], ['segmenten', 'Segmenten'], ['budgetten', 'Budgetten'], ['budgetsignalen', 'Budgetsignalen'], ['regio', 'Regio'], ['toewijzingen', 'Toewijzingen'], ['inzage', 'Inzage']],
  toezichthouder: [['', 'Regio'], ['dashboard', 'Dashboard'], ['segmenten', 'Segmenten'], ['budgetsignalen', 'Budgetsignalen'], ['berichten', 'Berichten'], ['signalen', 'Signalen'], ['toewijzingen', 'Toewijzingen'], ['declaraties', 'Declaraties'], ['rechtmatigheid', 'Rechtmatigheid']],
}

function useHashRoute(): string {
  const [hash, setHash] = useState(window.location.hash)
  useEffect(() => {
    const on = () => setHash(window.location.hash)
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return hash.replace(/^#\/?/, '')
}

/** The region and gemeente roles open on the dashboard (issue 6); the others on the region page. */
const dashboardFirst = (me: Me) => me.role === 'regio' || me.role === 'gemeente'

function Routed({ me, route: full }: { me: Me; route: string }) {
  const [route, search = ''] = full.split('?') as [string, string?]
  const query = new URLSearchParams(search)
  if (route === 'budgetten') return <BudgetPage me={me} query={query} />
  if (route === 'budgetsignalen') return <BudgetSignalsPage me={me} query={query} />
  if (route === 'dashboard' || (route === '' && dashboardFirst(me))) return <DashboardPage me={me} />
  if (route === 'regio') return <RegionPage me={me} />
  if (route === 'segmenten') return <SegmentsPage me={me} />
  const segment = /^segmenten\/(\d+)$/.exec(route)
  if (segment) return <SegmentPage id={Number(segment[1])} me={me} />
  const scorecard = /^aanbieders\/(\d+)\/scorekaart$/.exec(route)
  if (scorecard) return <ScorecardPage id={Number(scorecard[1])} />
  if (route === 'scorekaart' && me.providerId !== null) return <ScorecardPage id={me.providerId} />
  if (route === 'uitkomsten') return <OutcomesPage me={me} />
  const client = /^client\/(\d+)$/.exec(route)
  if (client) return <ClientFilePage clientId={Number(client[1])} />
  const declaratie = /^declaraties\/(\d+)$/.exec(route)
  if (declaratie) return <DeclaratiePage id={Number(declaratie[1])} />
  const steekproef = /^steekproef\/(\d+)$/.exec(route)
  if (steekproef) return <SteekproefPage id={Number(steekproef[1])} me={me} />
  switch (route) {
    case 'werkvoorraad':
      return <WorkQueuePage />
    case 'clienten':
      return <ClientSearchPage />
    case 'berichten':
      return <MessagesPage me={me} />
    case 'signalen':
      return <SignalsPage />
    case 'termijnen':
      // A provider's own chain deadlines (its 305, 307 and retours); the other roles see them on their signals pages.
      return (
        <>
          <Heading1>Termijnen</Heading1>
          <TermijnenSection />
        </>
      )
    case 'toewijzingen':
      return <AllocationsPage />
    case 'declaraties':
      return <DeclaratiesPage me={me} />
    case 'rechtmatigheid':
      return <RechtmatigheidPage me={me} />
    case 'inzage':
      return <AuditPage me={me} />
    default:
      return <RegionPage me={me} />
  }
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const route = useHashRoute()

  useEffect(() => {
    api<Me>('/auth/me')
      .then((m) => {
        setCsrfToken(m.csrfToken)
        setMe(m)
      })
      .catch((e) => (e instanceof ApiError && e.status === 401 ? setMe(null) : setMe(null)))
  }, [])

  const logout = async () => {
    await api('/auth/logout', { method: 'POST' })
    setMe(null)
  }
  // Ends the user's sessions on every browser (a forgotten one on another computer, too).
  const logoutEverywhere = async () => {
    await api('/auth/logout-everywhere', { method: 'POST' })
    setMe(null)
  }

  return (
    <Document>
      <SkipLink href="#main">Naar de inhoud</SkipLink>
      <Page>
        <PageHeader>
          <div className="koers-header">
            <Paragraph>
              <strong>Koers</strong> · inkoopstrategie Jeugd en Wmo
            </Paragraph>
            {me && (
              <div className="koers-header">
                <Paragraph>
                  {me.displayName} <span className="koers-muted">({me.roleLabel})</span>
                </Paragraph>
                <Button appearance="secondary-action-button" onClick={logout}>
                  Uitloggen
                </Button>
                <Button appearance="subtle-button" onClick={logoutEverywhere}>
                  Overal uitloggen
                </Button>
              </div>
            )}
          </div>
        </PageHeader>
        <PageContent>
          <main id="main">
            {me === undefined && <Paragraph>Laden…</Paragraph>}
            {me === null && (
              <LoginPage
                onLogin={(m) => {
                  setCsrfToken(m.csrfToken)
                  setMe(m)
                }}
              />
            )}
            {me && (
              <>
                <nav aria-label="Hoofdmenu" className="koers-nav">
                  {(pagesFor[me.role] ?? []).map(([path, label]) => (
                    <a key={path} href={`#/${path}`} aria-current={route.split('?')[0] === path || (path !== '' && route.startsWith(`${path}/`)) ? 'page' : undefined}>
                      {label}
                    </a>
                  ))}
                </nav>
                <Routed me={me} route={route} />
              </>
            )}
          </main>
        </PageContent>
        <PageFooter>
          <Paragraph>Koers – open source. Cijfers voor demoregio's: Bron: CBS.</Paragraph>
        </PageFooter>
      </Page>
    </Document>
  )
}
