import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { istandaardenDir } from './testing/shared-dir.ts'
import { carriesPersonalData, laws, messageCodes, xsdFileName, xsdFolder } from './message-catalog.ts'

describe('the message catalogue', () => {
  it('says a message carries personal data exactly when its XSD has a Bsn, in both laws', () => {
    for (const law of laws) {
      const withBsn = messageCodes.filter((code) => /name="Bsn"/.test(readFileSync(join(istandaardenDir(), xsdFolder[law], xsdFileName(law, code)), 'utf8')))
      expect(withBsn, law).toEqual(messageCodes.filter((code) => carriesPersonalData[code]))
    }
  })
})
