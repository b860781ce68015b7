import { Heading1 } from '@utrecht/component-library-react'
import { TermijnenSection } from '../components/TermijnenSection.tsx'

/** A provider's own chain deadlines (its 305, 307 and retours); the other roles see them on their signals pages. */
export function TermijnenPage() {
  return (
    <>
      <Heading1>Termijnen</Heading1>
      <TermijnenSection />
    </>
  )
}
