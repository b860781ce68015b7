/** A draft toewijzing as the work queue and the client file fill it in: the region's catalogue, the form, and its payload for the API. */
import { Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, useState } from 'react'
import type { z } from 'zod'
import type { toewijzingFieldsSchema } from '../../../src/toewijzingen/toewijzing.schema.ts'
import { eenheden, frequenties } from '../../../src/istandaarden/codelists.ts'
import { ChoiceField, Field, TextField, fieldState } from './fields.tsx'
import { DateField } from './DateField.tsx'
import { type Action } from '../hooks/useAction.tsx'
import type { Product } from '../../../src/products/product.queries.ts'
import type { Provider } from '../../../src/providers/provider.queries.ts'
import type { Contract } from '../../../src/contracts/contract.queries.ts'
import { contractedProviderIds } from '../../../src/contracts/contracted-providers.rules.ts'
import { useApi } from '../hooks/useApi.ts'
import { euroToCents } from '../../../src/shared/money.ts'

export interface Catalogue {
  products: Product[]
  providers: Provider[]
  contracts: Contract[]
}

export const statusLabel: Record<string, string> = { open: 'open', in_onderzoek: 'in onderzoek', toegewezen: 'toegewezen', afgewezen: 'afgewezen', actief: 'actief', wacht_op_akkoord: 'wacht op akkoord (uitzondering)' }

export const frequentieLabel: Record<string, string> = frequenties

/** Units as they read after a number ("2 uur per week"). */
export const eenheidLabel: Record<string, string> = Object.fromEntries(Object.entries(eenheden).map(([k, v]) => [k, v.toLowerCase()]))

export function useCatalogue(): Catalogue | null {
  return useApi<Catalogue>('/region').data
}

/** The assessment and period fields shared by the approve form and the new-toewijzing form. */
interface DraftFields {
  productId: string
  providerId: string
  ingangsdatum: string
  einddatum: string
  volume: string
  frequentie: string
  perspective: string
  complexity: string
  intensity: string
  goal: string
  t1: string
  justification: string
  exceptionReason: string
  /** Euro's, for a product without productcode or a generic one (CD079, CD080). */
  budget: string
}

/** A product without productcode (aspecific) or without Product (generic) is allocated with a budget, not an omvang. */
const takesBudget = (p: Product | undefined) => p !== undefined && p.productcode === null

type DraftBody = Omit<z.input<typeof toewijzingFieldsSchema>, 'clientId'>
type AssessmentBody = NonNullable<DraftBody['assessment']>
type OmvangBody = NonNullable<DraftBody['omvang']>

/** The body of the draft for the API, as the route's schema takes it (the schema checks the choices' values before sending). */
export function payload(d: DraftFields, products: Product[]): DraftBody {
  const product = products.find((p) => String(p.id) === d.productId)
  return {
    productId: Number(d.productId),
    providerId: Number(d.providerId),
    ingangsdatum: d.ingangsdatum,
    einddatum: d.einddatum,
    omvang: !takesBudget(product) && product?.eenheid && d.volume ? { volume: Number(d.volume), eenheid: product.eenheid as OmvangBody['eenheid'], frequentie: d.frequentie as OmvangBody['frequentie'] } : null,
    budgetCents: takesBudget(product) && d.budget.trim() !== '' ? euroToCents(d.budget) : null,
    justification: d.justification,
    exceptionReason: d.exceptionReason.trim() === '' ? undefined : d.exceptionReason,
    assessment: { perspective: d.perspective as AssessmentBody['perspective'], complexity: d.complexity as AssessmentBody['complexity'], intensity: d.intensity as AssessmentBody['intensity'], goals: [{ description: d.goal, domain: 'ontwikkeling', t1: Number(d.t1) }] },
  }
}

/** A budget that is no amount in euros, said at its field before anything is sent. */
export function budgetProblem(d: DraftFields, products: Product[]): Record<string, string> {
  const product = products.find((p) => String(p.id) === d.productId)
  return takesBudget(product) && d.budget.trim() !== '' && euroToCents(d.budget) === null ? { budgetCents: `'${d.budget}' is geen bedrag in euro's (bijvoorbeeld 12.500,00).` } : {}
}

/** The API's paths of the draft's fields and the ids of their inputs: errors come back under the paths. */
export const draftIds: Record<string, string> = {
  productId: 'product',
  providerId: 'aanbieder',
  budgetCents: 'budget',
  'omvang.volume': 'volume',
  'assessment.goals.0.description': 'doel',
  justification: 'onderbouwing',
  exceptionReason: 'uitzondering',
}

export function DraftForm({ draft, set, catalogue, gemeenteId, fixedProvider, action }: { draft: DraftFields; set: (d: DraftFields) => void; catalogue: Catalogue; gemeenteId: number | null; fixedProvider?: boolean; action?: Action }) {
  const on = (key: keyof DraftFields) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set({ ...draft, [key]: e.target.value })
  const to = (key: keyof DraftFields) => (v: string) => set({ ...draft, [key]: v })
  const product = catalogue.products.find((p) => String(p.id) === draft.productId)
  // Only the providers contracted for the product's segment in the client's gemeente, unless care outside the contracts is asked for (an exception).
  const [outsideContracts, setOutsideContracts] = useState(false)
  const contracted = product ? contractedProviderIds(catalogue.contracts, product.segmentId, draft.ingangsdatum || new Date().toISOString().slice(0, 10), gemeenteId) : null
  const providerChoice = catalogue.providers.filter((p) => outsideContracts || contracted === null || contracted.has(p.id) || String(p.id) === draft.providerId)
  const products = Object.fromEntries(catalogue.products.filter((p) => p.variant !== 'taakgericht').map((p) => [String(p.id), `${p.name} (${p.generiek ? 'generiek, met budget' : `${p.productcategorie}${p.productcode ? `/${p.productcode}` : ', met budget'}`})`]))
  const textarea = (path: string, id: string, label: string, key: keyof DraftFields) => {
    const { error, aria } = fieldState(action, path, id)
    return (
      <Field id={id} label={label} error={error}>
        <Textarea id={id} invalid={error !== undefined} {...aria} value={draft[key]} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (on(key)(e), action?.clearField(path))} />
      </Field>
    )
  }
  return (
    <div className="koers-form-grid">
      <ChoiceField id="product" label="Product" required action={action} path="productId" value={draft.productId} onChange={on('productId')} options={products} empty="Kies een product" />
      {!fixedProvider && (
        <div>
          <ChoiceField id="aanbieder" label="Aanbieder" required action={action} path="providerId" value={draft.providerId} onChange={on('providerId')} options={Object.fromEntries(providerChoice.map((p) => [String(p.id), p.name]))} empty={product ? 'Kies een aanbieder' : 'Kies eerst een product'} />
          {product && (
            <label>
              <input type="checkbox" checked={outsideContracts} onChange={(e) => setOutsideContracts(e.target.checked)} /> Ook aanbieders zonder contract in dit segment (uitzondering)
            </label>
          )}
        </div>
      )}
      <DateField action={action} path="ingangsdatum" label="Ingangsdatum" required value={draft.ingangsdatum} onChange={to('ingangsdatum')} />
      <DateField action={action} path="einddatum" label="Einddatum" required value={draft.einddatum} onChange={to('einddatum')} />
      {takesBudget(product) ? (
        <TextField action={action} path="budgetCents" id="budget" label="Budget (euro)" inputMode="decimal" value={draft.budget} onChange={to('budget')} />
      ) : (
        <>
          <TextField action={action} path="omvang.volume" id="volume" label={`Volume${product?.eenheid ? ` (${eenheidLabel[product.eenheid]})` : ''}`} inputMode="numeric" value={draft.volume} onChange={to('volume')} />
          <ChoiceField id="frequentie" label="Frequentie" value={draft.frequentie} onChange={on('frequentie')} options={frequentieLabel} />
        </>
      )}
      <ChoiceField id="perspectief" label="Perspectief" value={draft.perspective} onChange={on('perspective')} options={{ ontwikkeling: 'ontwikkeling', stabiliteit: 'stabiliteit' }} />
      <ChoiceField id="complexiteit" label="Complexiteit" value={draft.complexity} onChange={on('complexity')} options={{ enkelvoudig: 'enkelvoudig', meervoudig: 'meervoudig', complex: 'complex' }} />
      <ChoiceField id="intensiteit" label="Intensiteit" value={draft.intensity} onChange={on('intensity')} options={{ licht: 'licht', middel: 'middel', zwaar: 'zwaar' }} />
      <TextField action={action} path="assessment.goals.0.description" id="doel" label="Doel" required value={draft.goal} onChange={to('goal')} />
      <ChoiceField id="t1" label="Zelfredzaamheid bij start (T1, 1–5)" value={draft.t1} onChange={on('t1')} options={{ 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' }} />
      {textarea('justification', 'onderbouwing', 'Onderbouwing langere termijn (tenzij)', 'justification')}
      {textarea('exceptionReason', 'uitzondering', 'Reden uitzondering buiten contract (nee, tenzij)', 'exceptionReason')}
    </div>
  )
}

export const emptyDraft = (d: Partial<DraftFields> = {}): DraftFields => ({ productId: '', providerId: '', ingangsdatum: '', einddatum: '', volume: '', frequentie: '2', perspective: 'ontwikkeling', complexity: 'enkelvoudig', intensity: 'middel', goal: '', t1: '3', justification: '', exceptionReason: '', budget: '', ...d })
