/**
 * The message schemas at run time: the generated models, joined per message with the
 * basisschema types of its law.
 */
import { type Law, type MessageCode, messageCodes } from '../message-catalog.ts'
import { generatedSchemas } from './generated/schemas.ts'
import type { ComplexTypeModel, ElementModel, MessageSchemaModel, SimpleTypeModel } from './schema-model.ts'

interface TypeSet {
  complexTypes: Readonly<Record<string, ComplexTypeModel>>
  simpleTypes: Readonly<Record<string, SimpleTypeModel>>
}

export type GeneratedSchemas = Record<
  Law,
  { basis: TypeSet; messages: Record<MessageCode, TypeSet & { xsdVersion: { bericht: string; basisschema: string }; root: ElementModel }> }
>

const cache = new Map<string, MessageSchemaModel>()

/** The schema of one message of one law. */
export function messageSchema(law: Law, code: MessageCode): MessageSchemaModel {
  const key = `${law}${code}`
  let model = cache.get(key)
  if (!model) {
    const lawSchemas = generatedSchemas[law]
    const m = lawSchemas.messages[code]
    model = {
      law,
      code,
      xsdVersion: m.xsdVersion,
      root: m.root,
      complexTypes: { ...lawSchemas.basis.complexTypes, ...m.complexTypes },
      simpleTypes: { ...lawSchemas.basis.simpleTypes, ...m.simpleTypes },
    }
    cache.set(key, model)
  }
  return model
}

export const allMessageSchemas = (): MessageSchemaModel[] =>
  (['ijw', 'iwmo'] as const).flatMap((law) => messageCodes.map((code) => messageSchema(law, code)))
