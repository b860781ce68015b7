/**
 * The region's huisstijl over the Koers theme (issue 18 §4, ADR 0026): its colours replace the
 * theme's primary and band colour for the whole app, its logo stands in the header, and the
 * region's team sets them on the Regio page. The server checks the contrast again
 * (src/regions/huisstijl.ts); the form checks it first, so the user sees it before sending.
 */
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react'
import { useEffect, useState } from 'react'
import { HEX_COLOUR } from '../../../src/shared/contrast.ts'
import { type Huisstijl, MAX_LOGO_BYTES, colourProblems } from '../../../src/regions/huisstijl.rules.ts'
import { huisstijlSchema } from '../../../src/regions/huisstijl.schema.ts'
import { type Me, api, may, post } from '../lib/api.ts'
import { Field, TextField } from './fields.tsx'
import { ActionResult, useAction } from '../hooks/useAction.tsx'

export type { Huisstijl }
const CHANGED = 'koers-huisstijl'
const tokens = { primaryColour: '--koers-color-primary', bandColour: '--koers-color-band' } as const

/** The region's huisstijl once the user is known, applied to the page; again after the form saved it. */
export function useHuisstijl(me: Me | null | undefined): Huisstijl | null {
  const [huisstijl, setHuisstijl] = useState<Huisstijl | null>(null)
  useEffect(() => {
    if (!me) {
      setHuisstijl(null)
      return
    }
    const load = () => void api<Huisstijl>('/region/huisstijl').then(setHuisstijl, () => setHuisstijl(null))
    load()
    window.addEventListener(CHANGED, load)
    return () => window.removeEventListener(CHANGED, load)
  }, [me])
  useEffect(() => {
    // Set through the CSSOM (allowed by the Content-Security-Policy), on the element that carries the theme.
    for (const [key, token] of Object.entries(tokens)) {
      const value = huisstijl?.[key as keyof typeof tokens]
      if (value) document.body.style.setProperty(token, value)
      else document.body.style.removeProperty(token)
    }
  }, [huisstijl])
  return huisstijl
}

/** The region's logo for the header, when it has one. */
export function HuisstijlLogo({ huisstijl }: { huisstijl: Huisstijl | null }) {
  if (!huisstijl?.logo) return null
  return <img className="koers-logo" src={huisstijl.logo} alt={`Logo ${huisstijl.regionName}`} />
}

const themeColour = (token: string) => getComputedStyle(document.body).getPropertyValue(token).trim()

/** The form on the Regio page: the region's team sets its logo and colours. */
export function HuisstijlForm({ me }: { me: Me }) {
  const [current, setCurrent] = useState<Huisstijl | null>(null)
  const [primary, setPrimary] = useState('')
  const [band, setBand] = useState('')
  const [logo, setLogo] = useState<string | null>(null)
  const action = useAction({ primaryColour: 'huisstijl-hoofdkleur', bandColour: 'huisstijl-balk', logo: 'huisstijl-logo' })

  useEffect(() => {
    void api<Huisstijl>('/region/huisstijl').then((h) => {
      setCurrent(h)
      setPrimary(h.primaryColour ?? themeColour(tokens.primaryColour))
      setBand(h.bandColour ?? themeColour(tokens.bandColour))
      setLogo(h.logo)
    })
  }, [])
  if (!may(me, 'huisstijl.write') || !current) return null

  const check = (): Record<string, string> => {
    const problems: Record<string, string> = {}
    for (const [path, naam, value] of [
      ['primaryColour', 'De hoofdkleur', primary],
      ['bandColour', 'De kleur van de balk', band],
    ] as const) {
      if (!HEX_COLOUR.test(value.trim())) problems[path] = `${naam} moet een kleurcode zijn: een hekje (#) en zes tekens 0–9 of a–f.`
    }
    if (Object.keys(problems).length > 0) return problems
    // The same contrast check as the server's.
    for (const p of colourProblems({ primaryColour: primary.trim(), bandColour: band.trim() })) problems[p.path ?? ''] = p.melding ?? p.message
    return problems
  }
  const save = () =>
    void action.send(huisstijlSchema, { primaryColour: primary.trim(), bandColour: band.trim(), logo }, post<Huisstijl>('/region/huisstijl'), () => {
      window.dispatchEvent(new Event(CHANGED))
      return 'De huisstijl is opgeslagen en geldt nu voor iedereen in de regio.'
    }, check)
  const readLogo = (file: File) => {
    action.clearField('logo')
    if (file.size > MAX_LOGO_BYTES) {
      void action.run(async () => null, () => ({ logo: `Het logo is ${Math.ceil(file.size / 1024)} kB; het mag hoogstens ${MAX_LOGO_BYTES / 1024} kB zijn. Verklein het of kies een SVG.` }))
      return
    }
    const reader = new FileReader()
    reader.onload = () => setLogo(String(reader.result))
    reader.readAsDataURL(file)
  }

  return (
    <section aria-labelledby="huisstijl">
      <Heading2 id="huisstijl">Huisstijl van de regio</Heading2>
      <Paragraph>
        Het logo staat bovenaan elke pagina; de hoofdkleur kleurt links en knoppen, de kleur van de balk de rand onder de kop en de voet. Witte tekst moet op beide goed leesbaar zijn (contrast ten minste 4,5:1).
      </Paragraph>
      <form
        className="koers-form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          save()
        }}
      >
        <div>
          <TextField action={action} path="primaryColour" label="Hoofdkleur" value={primary} onChange={setPrimary} required />
          <span className="koers-swatch" aria-hidden="true" ref={(el) => el?.style.setProperty('background-color', HEX_COLOUR.test(primary.trim()) ? primary.trim() : 'transparent')} />
        </div>
        <div>
          <TextField action={action} path="bandColour" label="Kleur van de balk" value={band} onChange={setBand} required />
          <span className="koers-swatch" aria-hidden="true" ref={(el) => el?.style.setProperty('background-color', HEX_COLOUR.test(band.trim()) ? band.trim() : 'transparent')} />
        </div>
        <Field id="huisstijl-logo" label={`Logo (PNG, JPEG, WebP, GIF of SVG, hoogstens ${MAX_LOGO_BYTES / 1024} kB)`} error={action.fieldErrors.logo}>
          <input id="huisstijl-logo" type="file" accept="image/png,image/jpeg,image/webp,image/gif,image/svg+xml" onChange={(e) => e.target.files?.[0] && readLogo(e.target.files[0])} />
          {logo && (
            <div className="koers-logo-preview">
              <img className="koers-logo" src={logo} alt={`Logo ${current.regionName} (voorbeeld)`} />
              <Button appearance="subtle-button" type="button" onClick={() => setLogo(null)}>
                Logo weghalen
              </Button>
            </div>
          )}
        </Field>
        <div>
          <Button appearance="primary-action-button" type="submit" busy={action.busy}>
            Huisstijl opslaan
          </Button>
        </div>
      </form>
      <ActionResult action={action} />
    </section>
  )
}
