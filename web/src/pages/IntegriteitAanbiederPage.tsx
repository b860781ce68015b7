import { Heading1, Paragraph } from '@utrecht/component-library-react'
import type { Me } from '../lib/api.ts'
import { useApi } from '../hooks/useApi.ts'
import { IntegriteitRegister } from '../components/IntegriteitRegister.tsx'

/** `#/integriteit/:id`: one provider's integrity register and annual accounts (the region, the toezichthouder, a gemeente). */
export function IntegriteitAanbiederPage({ id, me }: { id: number; me: Me }) {
  const { data } = useApi<{ provider: { name: string } }>(`/integriteit/providers/${id}`)
  return (
    <>
      <Paragraph>
        <a href="#/integriteit">← Alle aanbieders</a>
      </Paragraph>
      <Heading1>Integriteit {data?.provider.name ?? ''}</Heading1>
      <IntegriteitRegister providerId={id} me={me} />
    </>
  )
}
