/**
 * Links to the server's export of a list or a set of figures that is not a DataTable (a chart's
 * months, a scorecard, a sample's lines): the same path as CSV and as XLSX. A DataTable downloads
 * its own rows and has no ExportLinks beside it (ADR 0025).
 */
import { Paragraph } from '@utrecht/component-library-react'

/** Links to the same list as CSV and as XLSX. */
export function ExportLinks({ path, label }: { path: string; label: string }) {
  const sep = path.includes('?') ? '&' : '?'
  return (
    <Paragraph className="koers-export">
      {label} downloaden als{' '}
      <a href={`/api${path}${sep}format=csv`} download>
        CSV
      </a>{' '}
      of{' '}
      <a href={`/api${path}${sep}format=xlsx`} download>
        Excel (XLSX)
      </a>
    </Paragraph>
  )
}
