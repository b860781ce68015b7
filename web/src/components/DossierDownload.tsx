/** The dossier PDF of an account over chosen months (GET /api/accounts/{id}/dossier): from the account page and a provider's own. */
import { Heading2, Paragraph } from '@utrecht/component-library-react'
import { useState } from 'react'
import { formatMonth } from '../lib/format.ts'
import { ChoiceField } from './fields.tsx'

/** The last 24 months, newest first, as `YYYY-MM`. */
function recentMonths(): string[] {
  const now = new Date()
  return Array.from({ length: 24 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  })
}

export function DossierDownload({ providerId }: { providerId: number }) {
  const months = recentMonths()
  const [van, setVan] = useState(`${months[0]!.slice(0, 4)}-01`)
  const [tot, setTot] = useState(months[0]!)
  const options = Object.fromEntries(months.map((m) => [m, formatMonth(m)]))
  const reversed = van > tot
  return (
    <section aria-labelledby="dossier">
      <Heading2 id="dossier">Dossier (PDF)</Heading2>
      <Paragraph>Het dossier bevat de prestaties tegen het segment en de doelen, budget en prognose, signalen, declaraties, wachttijden, uitkomsten en de afspraken over de gekozen maanden.</Paragraph>
      <div className="koers-form-row">
        <ChoiceField id="dossier-van" label="Van" value={van} onChange={(e) => setVan(e.target.value)} options={options} />
        <ChoiceField id="dossier-tot" label="Tot en met" value={tot} onChange={(e) => setTot(e.target.value)} options={options} />
      </div>
      {reversed ? (
        <Paragraph role="status">Kies een beginmaand vóór de eindmaand.</Paragraph>
      ) : (
        <Paragraph>
          <a href={`/api/accounts/${providerId}/dossier?van=${van}&tot=${tot}`} download>
            Dossier downloaden ({formatMonth(van)} – {formatMonth(tot)}, PDF)
          </a>
        </Paragraph>
      )}
    </section>
  )
}
