import { describe, expect, it } from 'vitest'
import { scanFirstValue } from './go-json.ts'
import { formatGoFloat, formatGoValue } from './go-value.ts'

describe('scanFirstValue (Go json.Decoder)', () => {
  it('reads the first value and ignores the rest', () => {
    const result = scanFirstValue(' {"a":1} garbage {{{')
    expect(result.ok && result.node.kind).toBe('object')
  })

  it("uses Go's error wording", () => {
    expect(scanFirstValue('')).toMatchObject({ ok: false, message: 'EOF' })
    expect(scanFirstValue('{"a":')).toMatchObject({ ok: false, message: 'unexpected EOF' })
    expect(scanFirstValue('{"a":01}')).toMatchObject({ ok: false, message: "invalid character '1' after object key:value pair" })
    expect(scanFirstValue('{"a":"\u0001"}')).toMatchObject({ ok: false, message: "invalid character '\\x01' in string literal" })
    expect(scanFirstValue('\ufeff{}')).toMatchObject({ ok: false, message: "invalid character 'ï' looking for beginning of value" })
    expect(scanFirstValue('[tru]')).toMatchObject({ ok: false, message: "invalid character ']' in literal true (expecting 'e')" })
  })

  it('replaces unpaired surrogate escapes with U+FFFD', () => {
    const result = scanFirstValue('"\\ud800x\\udc00"')
    expect(result.ok && result.node.kind === 'string' && result.node.value).toBe('\ufffdx\ufffd')
  })

  it("enforces Go's nesting limit without overflowing the stack", () => {
    expect(scanFirstValue('['.repeat(10001))).toMatchObject({ ok: false, message: "invalid character '[' exceeded max depth" })
    expect(scanFirstValue('['.repeat(10000) + ']'.repeat(10000)).ok).toBe(true)
  })
})

describe("Go's %v of decoded JSON", () => {
  it('formats floats like strconv shortest %g', () => {
    expect([5, 1.5, 1e21, 1e6, 123456, 0.00001, 0.0001, -0].map(formatGoFloat)).toEqual(['5', '1.5', '1e+21', '1e+06', '123456', '1e-05', '0.0001', '-0'])
  })

  it('formats arrays and maps (sorted keys)', () => {
    const result = scanFirstValue('[{"b":[1,"x"],"a":null}, true]')
    expect(result.ok && formatGoValue(result.node)).toBe('[map[a:<nil> b:[1 x]] true]')
  })
})
