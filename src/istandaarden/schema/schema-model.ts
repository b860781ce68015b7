/**
 * The shape of an iStandaarden message schema as Koers uses it: what the XSDs of release 3.2
 * say, reduced to the constructs they use (sequences of elements with min/max occurrence, and
 * simple types restricting xs:string, xs:integer, xs:date or xs:time by enumeration, pattern,
 * length and inclusive range). `scripts/generate-message-schemas.ts` derives it from the XSDs
 * into `generated/schemas.ts`; a test keeps that file equal to what the XSDs say.
 */
import type { Law, MessageCode } from '../message-catalog.ts'

export type BuiltinType = 'string' | 'integer' | 'date' | 'time'

export interface SimpleTypeModel {
  base: BuiltinType
  /** Allowed values (the most derived step's enumeration; values of xs:string types match exactly). */
  enumeration?: readonly string[]
  /** Each derivation step's patterns: a value must match one pattern of every group. */
  patterns?: readonly (readonly string[])[]
  minLength?: number
  maxLength?: number
  /** Integer bounds, as decimal strings. */
  minInclusive?: string
  maxInclusive?: string
}

export interface ElementModel {
  name: string
  /** `m`: the message's own namespace; `b`: the basisschema's. */
  ns: 'm' | 'b'
  minOccurs: number
  /** -1 for unbounded. */
  maxOccurs: number
  /** A key of `complexTypes` or `simpleTypes`. */
  type: string
}

export interface ComplexTypeModel {
  /** The children, in xs:sequence order. */
  sequence: readonly ElementModel[]
}

export interface MessageSchemaModel {
  law: Law
  code: MessageCode
  /** BerichtXsdVersie and BasisschemaXsdVersie from the XSDs' appinfo. */
  xsdVersion: { bericht: string; basisschema: string }
  root: ElementModel
  complexTypes: Readonly<Record<string, ComplexTypeModel>>
  simpleTypes: Readonly<Record<string, SimpleTypeModel>>
}
