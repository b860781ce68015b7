import {
  Document,
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

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined)

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
            {me && <RegionPage me={me} />}
          </main>
        </PageContent>
        <PageFooter>
          <Paragraph>Koers – open source. Cijfers voor demoregio's: Bron: CBS.</Paragraph>
        </PageFooter>
      </Page>
    </Document>
  )
}
