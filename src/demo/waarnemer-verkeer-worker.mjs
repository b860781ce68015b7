// Starts the observing region's traffic worker with the same TypeScript loader as bin/koers.mjs (ADR 0002).
import { register } from 'tsx/esm/api'

register()
await import('./waarnemer-verkeer-worker.ts')
