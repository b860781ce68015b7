import { describe, expect, it } from 'vitest'
import { type QName, TEXT_WHITESPACE, type XmlAttribute, XmlReader, XmlSyntaxError, xmlLimits } from './xml-reader.ts'

interface Event {
  e: 'start' | 'text' | 'end'
  uri?: string
  name?: string
  text?: string
  attrs?: Record<string, string>
  at?: string
}

/** Reads `xml` in chunks of `chunk` bytes and returns the events (adjacent texts joined). */
function read(xml: string | Uint8Array, chunk = 1 << 20): Event[] {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml
  const events: Event[] = []
  const decoder = new TextDecoder()
  let pending: number[] = []
  const flush = () => {
    if (pending.length > 0) events.push({ e: 'text', text: decoder.decode(new Uint8Array(pending)) })
    pending = []
  }
  const reader = new XmlReader({
    startElement(uri: string, name: QName, attributes: readonly XmlAttribute[], line: number, column: number) {
      flush()
      const attrs = Object.fromEntries(attributes.map((a) => [a.uri ? `{${a.uri}}${a.local}` : a.local, a.value]))
      events.push({ e: 'start', uri, name: name.local, ...(attributes.length ? { attrs } : {}), at: `${line}:${column}` })
    },
    text(buf, start, end, flags) {
      // Whitespace between elements may come in pieces; values are joined (a piece may split a character).
      if (flags & TEXT_WHITESPACE && pending.length === 0) return
      for (let i = start; i < end; i++) pending.push(buf[i]!)
    },
    endElement(uri: string, name: QName) {
      flush()
      events.push({ e: 'end', uri, name: name.local })
    },
  })
  for (let i = 0; i < bytes.length; i += chunk) reader.write(bytes.subarray(i, i + chunk))
  reader.end()
  return events
}

function refusal(xml: string | Uint8Array): XmlSyntaxError {
  try {
    read(xml)
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error
    throw error
  }
  throw new Error('expected the reader to refuse this input')
}

describe('XmlReader', () => {
  it('resolves any prefix and the default namespace', () => {
    const events = read('<a:x xmlns:a="urn:a" xmlns="urn:d"><y/><a:z xmlns:a="urn:b"/><a:w/></a:x>')
    expect(events.filter((e) => e.e === 'start').map((e) => `${e.uri} ${e.name}`)).toEqual(['urn:a x', 'urn:d y', 'urn:b z', 'urn:a w'])
  })

  it('decodes character and predefined entity references, CDATA and skips comments and PIs', () => {
    const events = read('<r>a&lt;b&amp;&#x41;&#66;<![CDATA[<&>]]><!-- c --><?pi data?>z&quot;&apos;&gt;</r>')
    expect(events.find((e) => e.e === 'text')?.text).toBe('a<b&AB<&>z"\'>')
  })

  it('normalises CR LF and lone CR to LF, and counts lines for every ending', () => {
    const events = read('<r>\r\n<a>x\ry</a>\r<b/>\n<c/></r>')
    expect(events.find((e) => e.e === 'text')?.text).toBe('x\ny')
    expect(events.filter((e) => e.e === 'start').map((e) => e.at)).toEqual(['1:1', '2:1', '4:1', '5:1'])
  })

  it('reads attributes with either quote, normalising whitespace in them', () => {
    const events = read(`<r xmlns:p="urn:p" a='1' p:b="x\ty&amp;"/>`)
    expect(events[0]!.attrs).toEqual({ a: '1', '{urn:p}b': 'x y&' })
  })

  it('gives the same events whatever the chunk size', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\r\n<p:r xmlns:p="urn:p">\r\n\t<p:a>één &amp; twee</p:a><!-- x --><p:b><![CDATA[ <c> ]]></p:b>\n<p:c at="&#233;"/>\n</p:r>\n`
    const whole = read(xml)
    for (const size of [1, 2, 3, 7, 64]) expect(read(xml, size)).toEqual(whole)
  })

  // A BOM elsewhere inside the root is the character U+FEFF: the validator refuses it as text.
  it('accepts a UTF-8 byte order mark at the very start only', () => {
    expect(read(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<r/>')]))).toHaveLength(2)
    expect(refusal('\ufeff\ufeff<r/>').message).toMatch(/text before the root element/)
  })

  it.each([
    ['a DOCTYPE (XXE)', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', /DOCTYPE is not allowed/],
    ['an entity bomb', '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>', /DOCTYPE is not allowed/],
    ['an undefined entity', '<r>&nbsp;</r>', /undefined entity &nbsp;/],
    ['a character reference to a forbidden character', '<r>&#0;</r>', /not a valid XML character/],
    ['a control character', '<r>a\u0001b</r>', /U\+0001 is not allowed/],
    ['a mismatched end tag', '<r><a></b></r>', /end tag <\/b> does not match <a>/],
    ['a truncated file', '<r><a>text', /unexpected end of file: element <a> is not closed/],
    ['an empty file', '', /no root element/],
    ['text before the root', 'hello <r/>', /text before the root element/],
    ['a second root', '<r/><r/>', /second root element/],
    ['an undeclared prefix', '<p:r/>', /prefix 'p' is not declared/],
    ['a duplicate attribute', '<r a="1" a="2"/>', /appears twice/],
    ["'<' in an attribute", '<r a="<"/>', /'<' is not allowed in an attribute value/],
    ['a late XML declaration', '<r><?xml version="1.0"?></r>', /XML declaration must come first/],
    ['another encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><r/>', /must be UTF-8/],
    ["']]>' in text", '<r>a]]>b</r>', /']]>' is not allowed in text/],
    ["'--' in a comment", '<r><!-- a -- b --></r>', /'--' is not allowed inside a comment/],
  ])('refuses %s with a clear error', (_what, xml, message) => {
    expect(refusal(xml).message).toMatch(message)
  })

  it('refuses bytes that are not UTF-8, naming the byte', () => {
    const error = refusal(new Uint8Array([0x3c, 0x72, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x72, 0x3e]))
    expect(error.message).toMatch(/not valid UTF-8 \(byte 4\)/)
  })

  it('refuses UTF-16', () => {
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x72, 0x00])).message).toMatch(/UTF-16/)
  })

  it('refuses binary junk', () => {
    const junk = new Uint8Array(4096)
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256
    expect(refusal(junk)).toBeInstanceOf(XmlSyntaxError)
  })

  it('refuses nesting deeper than its limit, in bounded time', () => {
    const deep = '<a>'.repeat(xmlLimits.maxDepth + 1)
    expect(refusal(deep).message).toMatch(/nested deeper than 256 levels/)
  })

  it('refuses a start tag longer than its limit instead of buffering it', () => {
    const reader = new XmlReader({ startElement() {}, text() {}, endElement() {} })
    reader.write(new TextEncoder().encode('<r a="'))
    const filler = new Uint8Array(1 << 16).fill(0x61)
    expect(() => {
      for (let i = 0; i < 20; i++) reader.write(filler)
    }).toThrow(/longer than 1048576 bytes/)
  })

  it('hands a huge text node over in pieces, never whole', () => {
    let pieces = 0
    let longest = 0
    let total = 0
    const reader = new XmlReader({
      startElement() {},
      text(_b, start, end) {
        pieces++
        total += end - start
        longest = Math.max(longest, end - start)
      },
      endElement() {},
    })
    const chunk = new Uint8Array(1 << 20).fill(0x61)
    reader.write(new TextEncoder().encode('<r>'))
    for (let i = 0; i < 64; i++) reader.write(chunk)
    reader.write(new TextEncoder().encode('</r>'))
    reader.end()
    expect(total).toBe(64 << 20)
    expect(longest).toBeLessThanOrEqual(1 << 20)
    expect(pieces).toBeGreaterThanOrEqual(64)
  })

  it('gives line and column of a syntax error', () => {
    const error = refusal('<r>\n  <a>\n    <b></a>\n</r>')
    expect([error.line, error.column]).toEqual([3, 8])
  })
})
