import { Alert, Button, FormField, FormLabel, Heading1, Paragraph, Textbox } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import { type Me, api } from './api.ts'

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onLogin(await api<Me>('/auth/login', { method: 'POST', body: { username, password } }))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="koers-login">
      <Heading1>Inloggen</Heading1>
      <Paragraph>Log in met uw gebruikersnaam en wachtwoord.</Paragraph>
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      <form onSubmit={submit} aria-label="Inloggen">
        <FormField>
          <FormLabel htmlFor="username">Gebruikersnaam</FormLabel>
          <Textbox id="username" name="username" autoComplete="username" required value={username} onChange={(e: ChangeEvent<HTMLInputElement>) => setUsername(e.target.value)} />
        </FormField>
        <FormField>
          <FormLabel htmlFor="password">Wachtwoord</FormLabel>
          <Textbox id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e: ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)} />
        </FormField>
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          Inloggen
        </Button>
      </form>
    </section>
  )
}
