/**
 * The official XSDs as a test oracle, through libxml2 compiled to WebAssembly. Used only by
 * tests and the generator's check: the product validates with its own code (ADR 0007).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm'
import { type Law, type MessageCode, xsdFileName, xsdFolder } from '../message-catalog.ts'
import { istandaardenDir } from './shared-dir.ts'

const validators = new Map<string, XsdValidator>()
let providerRegistered = false

function registerBasisschemas(): void {
  if (providerRegistered) return
  const files: Record<string, Uint8Array> = {}
  for (const law of ['ijw', 'iwmo'] as const) {
    const dir = join(istandaardenDir(), xsdFolder[law])
    files[`file:///${xsdFolder[law]}/basisschema.xsd`] = readFileSync(join(dir, 'basisschema.xsd'))
  }
  xmlRegisterInputProvider(new XmlBufferInputProvider(files))
  providerRegistered = true
}

function validatorFor(law: Law, code: MessageCode): XsdValidator {
  const key = `${law}${code}`
  let validator = validators.get(key)
  if (!validator) {
    registerBasisschemas()
    const xsdPath = join(istandaardenDir(), xsdFolder[law], xsdFileName(law, code))
    const doc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: `file:///${xsdFolder[law]}/${xsdFileName(law, code)}` })
    validator = XsdValidator.fromDoc(doc)
    doc.dispose()
    validators.set(key, validator)
  }
  return validator
}

export interface OracleVerdict {
  valid: boolean
  /** libxml2's messages, for a readable test failure. */
  messages: string[]
}

/** Does the official XSD of this message accept the document? Parse errors count as invalid. */
export function xsdVerdict(law: Law, code: MessageCode, xml: string | Uint8Array): OracleVerdict {
  let doc: XmlDocument
  try {
    doc = typeof xml === 'string' ? XmlDocument.fromString(xml) : XmlDocument.fromBuffer(xml)
  } catch (error) {
    return { valid: false, messages: [`parse: ${(error as Error).message}`] }
  }
  try {
    validatorFor(law, code).validate(doc)
    return { valid: true, messages: [] }
  } catch (error) {
    if (error instanceof XmlValidateError) return { valid: false, messages: error.details.map((d) => `${d.line}: ${d.message.trim()}`) }
    throw error
  } finally {
    doc.dispose()
  }
}
