import { Button, Document, Heading1, Page, PageContent, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react'
import { useEffect, useRef, useState } from 'react'
import { type Me, api, post, sendChange, setCsrfToken } from './lib/api.ts'
import { ErrorBoundary } from './components/ErrorBoundary.tsx'
import { HuisstijlLogo, useHuisstijl } from './components/Huisstijl.tsx'
import { LoginPage } from './pages/LoginPage.tsx'
import { match, mayOpen, menuFor, startOf } from './routes.tsx'

function useHashRoute(): string {
  const [hash, setHash] = useState(window.location.hash)
  useEffect(() => {
    const on = () => setHash(window.location.hash)
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return hash.replace(/^#\/?/, '')
}

/** What a path shows the user, and the title of the browser tab. */
function resolve(me: Me, path: string, query: URLSearchParams): { title: string; body: React.ReactNode } {
  const found = match(path)
  if (!found) {
    return {
      title: 'Pagina niet gevonden',
      body: (
        <>
          <Heading1>Pagina niet gevonden</Heading1>
          <Paragraph>
            De pagina <code>#/{path}</code> bestaat niet. Misschien is de link verouderd of verkeerd overgenomen. Kies een pagina in het menu, of ga naar <a href={`#/${startOf(me)}`}>uw startpagina</a>.
          </Paragraph>
        </>
      ),
    }
  }
  if (!mayOpen(me, found.route)) {
    return {
      title: found.route.title,
      body: (
        <>
          <Heading1>{found.route.title}</Heading1>
          <Paragraph>
            Deze pagina is niet voor uw rol ({me.roleLabel}). Ga naar <a href={`#/${startOf(me)}`}>uw startpagina</a>.
          </Paragraph>
        </>
      ),
    }
  }
  return { title: found.route.title, body: found.route.page({ me, query, id: found.id }) }
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const full = useHashRoute()
  const mainRef = useRef<HTMLElement>(null)
  const firstView = useRef(true)
  const huisstijl = useHuisstijl(me)

  useEffect(() => {
    api<Me>('/auth/me')
      .then((m) => {
        setCsrfToken(m.csrfToken)
        setMe(m)
      })
      .catch(() => setMe(null))
  }, [])

  const [path, search = ''] = full.split('?') as [string, string?]
  // The bare address opens the role's own work (issue 18 §6).
  useEffect(() => {
    if (me && path === '') window.location.replace(`#/${startOf(me)}${search ? `?${search}` : ''}`)
  }, [me, path, search])

  const view = me ? (path === '' ? null : resolve(me, path, new URLSearchParams(search))) : null
  const title = me === null ? 'Inloggen' : (view?.title ?? null)
  useEffect(() => {
    document.title = title ? `${title} — Koers` : 'Koers'
  }, [title])

  // After navigating, focus the page's heading (or the main area while it loads), so a screen
  // reader announces the new page and Tab continues from there, not from <body>.
  useEffect(() => {
    if (!me || path === '') return
    if (firstView.current) {
      firstView.current = false
      return
    }
    const frame = requestAnimationFrame(() => {
      const h1 = mainRef.current?.querySelector('h1')
      if (h1) {
        h1.setAttribute('tabindex', '-1')
        h1.focus()
      } else mainRef.current?.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [me, path])

  const logout = async () => {
    await sendChange(post('/auth/logout'))
    setMe(null)
  }
  // Ends the user's sessions on every browser (a forgotten one on another computer, too).
  const logoutEverywhere = async () => {
    await sendChange(post('/auth/logout-everywhere'))
    setMe(null)
  }

  return (
    <Document>
      <SkipLink
        href="#main"
        onClick={(e: React.MouseEvent<HTMLAnchorElement>) => {
          // The app's routes live in the hash: move focus to the content without changing the page.
          e.preventDefault()
          mainRef.current?.focus()
        }}
      >
        Naar de inhoud
      </SkipLink>
      <Page>
        <PageHeader>
          <div className="koers-header">
            <div className="koers-brand">
              <HuisstijlLogo huisstijl={huisstijl} />
              <Paragraph>
                <strong>Koers</strong> · inkoopstrategie Jeugd en Wmo
              </Paragraph>
            </div>
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
          {me && (
            <nav aria-label="Hoofdmenu" className="koers-nav">
              {menuFor(me).map(([p, label]) => (
                <a key={p} href={`#/${p}`} aria-current={path === p || path.startsWith(`${p}/`) ? 'page' : undefined}>
                  {label}
                </a>
              ))}
            </nav>
          )}
          <main id="main" ref={mainRef} tabIndex={-1}>
            {me === undefined && <Paragraph>Laden…</Paragraph>}
            {me === null && (
              <LoginPage
                onLogin={(m) => {
                  setCsrfToken(m.csrfToken)
                  setMe(m)
                }}
              />
            )}
            {view && <ErrorBoundary key={path}>{view.body}</ErrorBoundary>}
          </main>
        </PageContent>
        <PageFooter>
          <Paragraph>Koers – open source. Cijfers voor demoregio's: Bron: CBS.</Paragraph>
        </PageFooter>
      </Page>
    </Document>
  )
}
