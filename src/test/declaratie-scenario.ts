/** Declarations for tests: the provider-side 323 writer (src/exchange/provider-message.ts). */
export { type Declaratie323, type Regel, declaratie323 } from '../exchange/provider-message.ts'
