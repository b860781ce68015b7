#!/usr/bin/env node
// The `koers` command. Runs the TypeScript sources through tsx (docs/decisions/0002).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
