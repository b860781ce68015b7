import { Button, Heading1, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import { loginSchema } from '../../../src/auth/login.schema.ts'
import { type Me, post } from '../lib/api.ts'
import { TextField } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const action = useAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void action.send(
      loginSchema,
      { username, password },
      post<Me>('/auth/login'),
      (me) => {
        onLogin(me)
        return null
      },
      () => verplicht({ username: ['uw gebruikersnaam', username], password: ['uw wachtwoord', password] }),
    )
  }

  return (
    <section className="koers-login">
      <Heading1>Inloggen</Heading1>
      <Paragraph>Log in met uw gebruikersnaam en wachtwoord.</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={submit} aria-label="Inloggen" noValidate>
        <TextField action={action} path="username" label="Gebruikersnaam" autoComplete="username" required value={username} onChange={setUsername} />
        <TextField action={action} path="password" label="Wachtwoord" type="password" autoComplete="current-password" required value={password} onChange={setPassword} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Inloggen
        </Button>
      </form>
    </section>
  )
}
