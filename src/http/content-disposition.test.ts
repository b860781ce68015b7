import { describe, expect, it } from 'vitest'
import { attachment } from './content-disposition.ts'

describe('the Content-Disposition of a download', () => {
  it('keeps a plain name as it is', () => {
    expect(attachment('declaraties.csv')).toBe(`attachment; filename="declaraties.csv"; filename*=UTF-8''declaraties.csv`)
  })

  it('never lets a name leave its quotes or its folder, and carries any name in filename*', () => {
    expect(attachment('JW315_41000001_../"a;b"\\x.xml')).toBe(`attachment; filename="JW315_41000001_..__a_b__x.xml"; filename*=UTF-8''JW315_41000001_.._%22a%3Bb%22_x.xml`)
    expect(attachment('../../etc/passwd')).toBe(`attachment; filename="___.._etc_passwd"; filename*=UTF-8''___.._etc_passwd`)
    expect(attachment('Zorg € één (1).xml')).toBe(`attachment; filename="Zorg _ een (1).xml"; filename*=UTF-8''Zorg%20%E2%82%AC%20%C3%A9%C3%A9n%20%281%29.xml`)
    expect(attachment('a\r\nSet-Cookie: x=1')).toBe(`attachment; filename="a__Set-Cookie: x=1"; filename*=UTF-8''a__Set-Cookie%3A%20x%3D1`)
    expect(attachment('')).toBe(`attachment; filename="download"; filename*=UTF-8''download`)
  })

  it('is a value Headers accepts, whatever the name', () => {
    for (const name of ['ő€😀.xml', '"', '\u0000', '..']) expect(() => new Headers({ 'content-disposition': attachment(name) })).not.toThrow()
  })
})
