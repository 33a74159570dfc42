/**
 * Byte-level helpers. Go strings are byte strings; MinIO's `?` matches one BYTE, so every
 * comparison that depends on length or position works on UTF-8 bytes (§10.1).
 */

const encoder = new TextEncoder()
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g')
const NON_ASCII = /[^\x00-\x7f]/

/** Replaces unpaired UTF-16 surrogates with U+FFFD, as Go does when it decodes or encodes UTF-8. */
export function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\ufffd') : text
}

/** True when every code unit is ASCII, so string indices equal byte indices. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text)
}

/** The UTF-8 bytes of a string (unpaired surrogates become EF BF BD, like Go). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Length in UTF-8 bytes. */
export function utf8Length(text: string): number {
  if (isAscii(text)) return text.length
  let length = 0
  for (const char of text) {
    const code = char.codePointAt(0) as number
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return length
}
