import './no-eval.ts'
import '@utrecht/component-library-css/dist/index.css'
import './theme/koers-theme.css'
import './koers.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
