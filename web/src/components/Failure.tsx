/** A load that failed, as an alert (the declaration pages). */
import { Alert, Paragraph } from '@utrecht/component-library-react'

export function Failure({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Alert type="error" role="alert">
      <Paragraph>{message}</Paragraph>
    </Alert>
  )
}
