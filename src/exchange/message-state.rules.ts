/** A message's state in words, for the mailbox page and its export alike. */
import type { MessageState } from '../db/schema.ts'

export const messageStateLabels: Record<MessageState, string> = { verwerkt: 'verwerkt', afgekeurd: 'afgekeurd', klaar: 'klaar om op te halen', opgehaald: 'opgehaald' }
