/** An error reply from MinIO, decoded from its JSON (admin handlers) or XML (middleware) body. */
export interface MinioApiError {
  status: number
  code: string
  message: string
  requestId?: string
}

/**
 * Decodes a MinIO error body: JSON `{Code, Message, RequestId}` first, then S3-style XML
 * `<Error><Code>…`. Returns undefined when the body is neither, i.e. the answer did not come from
 * MinIO (an HTML page, a proxy error).
 */
export function parseMinioError(status: number, body: Uint8Array): MinioApiError | undefined {
  const text = Buffer.from(body).toString('utf8').trim()
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>
      if (typeof parsed.Code === 'string' && parsed.Code) {
        return {
          status,
          code: parsed.Code,
          message: stringOr(parsed.Message),
          requestId: optionalString(parsed.RequestId),
        }
      }
    } catch {
      return undefined
    }
  }
  const code = /<Error>[\s\S]*?<Code>([^<]+)<\/Code>/.exec(text)?.[1]
  if (!code) return undefined
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? ''
  const requestId = /<RequestId>([^<]*)<\/RequestId>/.exec(text)?.[1]
  return { status, code, message: decodeXmlText(message), requestId }
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}
