/**
 * Go's json.Marshal string encoding (HTML-safe by default): what MinIO writes when it re-serialises
 * a policy, needed to measure the stored size the server limits (§1.11).
 */

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** The JSON text Go's encoder writes for a string (`<`, `>`, `&`, U+2028/2029 escaped as \uXXXX). */
export function goJsonString(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (SHORT_ESCAPES[char] !== undefined) out += SHORT_ESCAPES[char]
    else if (code < 0x20 || char === '<' || char === '>' || char === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd'
    else out += char
  }
  return out + '"'
}
