/** Catches what a page throws while it draws, so one failure never blanks the whole app (issue 18 §1). */
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react'
import { Component, type ErrorInfo, type ReactNode } from 'react'

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // For whoever opens the browser console; the user gets the Dutch text below.
    console.error('page failed', error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return (
      <section>
        <Heading1>Deze pagina kan niet getoond worden</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>Er ging iets mis bij het tonen van deze pagina. Wat u al had opgeslagen, is bewaard; wat u nog niet had opgeslagen, moet u misschien opnieuw invullen. Probeer het opnieuw, of ga naar een andere pagina in het menu.</Paragraph>
        </Alert>
        <Button appearance="secondary-action-button" onClick={() => this.setState({ failed: false })}>
          Opnieuw proberen
        </Button>
      </section>
    )
  }
}
