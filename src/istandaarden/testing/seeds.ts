/**
 * Valid messages of every kind to start tests from: the standard's own examples where they
 * exist, and messages generated from the schema (the same for the same seed).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { type MessageKind, laws, messageCodes, messageName, xsdFolder } from '../message-catalog.ts'
import { writeMessage } from '../messages/write-message.ts'
import { messageArbitrary } from './message-arbitrary.ts'
import { istandaardenDir } from './shared-dir.ts'

export const allKinds: MessageKind[] = laws.flatMap((law) => messageCodes.map((code) => ({ law, code })))

/** The valid examples of a law, by message name (`JW301`). */
export function exampleFiles(law: MessageKind['law']): Array<{ name: string; path: string }> {
  const dir = join(istandaardenDir(), xsdFolder[law], 'examples')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => ({ name: f.replace('.xml', ''), path: join(dir, f) }))
}

/** XSD-valid seed messages of one kind: its example (if any) and `generated` from the schema. */
export function seedMessages(kind: MessageKind, generated = 3, seed = 42): string[] {
  const seeds: string[] = []
  const example = exampleFiles(kind.law).find((e) => e.name === messageName(kind))
  if (example) seeds.push(readFileSync(example.path, 'utf8'))
  for (const body of fc.sample(messageArbitrary(kind), { seed, numRuns: generated })) seeds.push(writeMessage(kind, body, { checkRules: false }))
  return seeds
}
