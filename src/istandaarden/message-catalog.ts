/**
 * The iJw and iWmo release 3.2 messages: their numbers, BerichtCodes (COD002-VEKT, see
 * `shared/istandaarden/RULES.md`), namespaces and which message answers which.
 */
export type Law = 'ijw' | 'iwmo'
export const laws: readonly Law[] = ['ijw', 'iwmo']

export const messageCodes = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '320', '323', '325'] as const
export type MessageCode = (typeof messageCodes)[number]

/** The BerichtCode in the header, per law and message. */
export const berichtCodes: Record<Law, Record<MessageCode, string>> = {
  ijw: { '301': '436', '302': '437', '305': '438', '306': '439', '307': '440', '308': '441', '315': '446', '316': '447', '317': '486', '318': '487', '319': '488', '320': '489', '323': '490', '325': '491' },
  iwmo: { '301': '414', '302': '415', '305': '418', '306': '419', '307': '420', '308': '421', '315': '444', '316': '445', '317': '480', '318': '481', '319': '482', '320': '483', '323': '484', '325': '485' },
}

/** Who sends it: the gemeente (afzender is a CBS code) or the aanbieder (an AGB code). */
export const senderRole: Record<MessageCode, 'gemeente' | 'aanbieder'> = {
  '301': 'gemeente', '302': 'aanbieder', '305': 'aanbieder', '306': 'gemeente', '307': 'aanbieder', '308': 'gemeente',
  '315': 'aanbieder', '316': 'gemeente', '317': 'aanbieder', '318': 'gemeente', '319': 'gemeente', '320': 'aanbieder',
  '323': 'aanbieder', '325': 'gemeente',
}

/**
 * Whether the message carries personal data: every message but the 319 and its retour 320
 * names a Client by its Bsn (most also by name and birth date, the 301 with an address); the
 * 319 answers a request by its ReferentieAanbieder alone. Checked against the XSDs in
 * message-catalog.test.ts; who may read such a message's XML is in src/exchange/mailbox.queries.ts.
 */
export const carriesPersonalData: Record<MessageCode, boolean> = {
  '301': true, '302': true, '305': true, '306': true, '307': true, '308': true, '315': true, '316': true,
  '317': true, '318': true, '319': false, '320': false, '323': true, '325': true,
}

/** The retour message that answers a heenbericht (325 answers the 323 and is itself the retour). */
export const retourOf = { '301': '302', '305': '306', '307': '308', '315': '316', '317': '318', '319': '320', '323': '325' } as const satisfies Partial<Record<MessageCode, MessageCode>>
export type HeenCode = keyof typeof retourOf
export type RetourCode = (typeof retourOf)[HeenCode]
export const isHeen = (code: MessageCode): code is HeenCode => code in retourOf

export const messageTitles: Record<MessageCode, string> = {
  '301': 'Toewijzing', '302': 'Retour toewijzing', '305': 'Start zorg', '306': 'Retour start zorg',
  '307': 'Stop zorg', '308': 'Retour stop zorg', '315': 'Verzoek om toewijzing', '316': 'Retour verzoek om toewijzing',
  '317': 'Verzoek om wijziging', '318': 'Retour verzoek om wijziging', '319': 'Antwoordbericht', '320': 'Retour antwoordbericht',
  '323': 'Declaratie', '325': 'Declaratie-antwoord',
}

const nsRoot: Record<Law, string> = { ijw: 'http://www.istandaarden.nl/ijw/3_2', iwmo: 'http://www.istandaarden.nl/iwmo/3_2' }
/** The prefix the standard's own examples use: `jw323`, `wmo323`. */
export const messagePrefix = (law: Law, code: MessageCode): string => `${law === 'ijw' ? 'jw' : 'wmo'}${code}`
export const basisPrefix: Record<Law, string> = { ijw: 'ijw', iwmo: 'iwmo' }
export const messageNamespace = (law: Law, code: MessageCode): string => `${nsRoot[law]}/${messagePrefix(law, code)}/schema`
export const basisNamespace = (law: Law): string => `${nsRoot[law]}/basisschema/schema`

export const xsdFolder: Record<Law, string> = { ijw: 'ijw-3.2', iwmo: 'iwmo-3.2' }
export const xsdFileName = (law: Law, code: MessageCode): string => `${messagePrefix(law, code).toUpperCase()}.xsd`

export interface MessageKind {
  law: Law
  code: MessageCode
}

/** `JW323`, `WMO301`: the name people use. */
export const messageName = (kind: MessageKind): string => messagePrefix(kind.law, kind.code).toUpperCase()

/** Which law and message a root element namespace belongs to, or undefined. */
export function kindOfNamespace(uri: string): MessageKind | undefined {
  for (const law of laws) {
    const prefix = `${nsRoot[law]}/`
    if (!uri.startsWith(prefix) || !uri.endsWith('/schema')) continue
    const middle = uri.slice(prefix.length, -'/schema'.length)
    const lawPrefix = law === 'ijw' ? 'jw' : 'wmo'
    if (!middle.startsWith(lawPrefix)) continue
    const code = middle.slice(lawPrefix.length)
    if ((messageCodes as readonly string[]).includes(code)) return { law, code: code as MessageCode }
  }
  return undefined
}
