// Starts the tokenize worker with the same TypeScript loader as bin/koers.mjs (ADR 0002).
import { register } from 'tsx/esm/api'

register()
await import('./tokenize-worker.ts')
