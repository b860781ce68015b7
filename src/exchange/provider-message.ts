/**
 * Writes a message as a provider's system would send it (305, 307, 315, 317), through the
 * iStandaarden writer, so it is XSD- and CD/CS-valid. The demo history and the tests use it
 * to feed the inbox exactly as a provider does.
 */
import type { Law, MessageCode } from '../istandaarden/messages/message-catalog.ts'
import { berichtCodes } from '../istandaarden/messages/message-catalog.ts'
import { type WritableObject, writeMessage, xsdVersieOf } from '../istandaarden/messages/write-message.ts'

export function providerMessage(law: Law, code: Extract<MessageCode, '305' | '307' | '315' | '317'>, agb: string, cbs: string, identificatie: string, dagtekening: string, client: WritableObject): Uint8Array {
  const body: WritableObject = {
    Header: {
      BerichtCode: berichtCodes[law][code],
      BerichtVersie: '3',
      BerichtSubversie: '2',
      Afzender: agb,
      Ontvanger: cbs,
      BerichtIdentificatie: { Identificatie: identificatie, Dagtekening: dagtekening },
      XsdVersie: xsdVersieOf({ law, code }),
    },
    Client: client,
  }
  return new TextEncoder().encode(writeMessage({ law, code }, body))
}
