import type { IncomingMessage } from 'node:http'
import type { Refusal } from './request-guard.ts'

/**
 * Bytes of request bodies held in memory at once, across all requests. A body is admitted only when
 * its declared Content-Length fits both the per-request limit and what is left of the shared budget,
 * so twenty parallel 31 MiB uploads cannot take the process's memory with them.
 */
export class BodyBudget {
  #inFlight = 0

  constructor(
    private readonly maxBodyBytes: number,
    private readonly maxBytesInFlight: number,
  ) {}

  /** Reads the whole body as text, or a refusal (too large, no length, over budget). */
  async read(request: IncomingMessage): Promise<string | Refusal> {
    const declared = request.headers['content-length']
    if (declared === undefined) {
      if (request.headers['transfer-encoding'] === undefined) return ''
      return { status: 411, code: 'INVALID_INPUT', message: 'Send a Content-Length with the request body.' }
    }
    const length = Number(declared)
    if (!Number.isSafeInteger(length) || length < 0) return { status: 400, code: 'INVALID_INPUT', message: 'Bad Content-Length.' }
    if (length > this.maxBodyBytes) return { status: 413, code: 'INVALID_INPUT', message: `Request body over ${this.maxBodyBytes} bytes.` }
    if (this.#inFlight + length > this.maxBytesInFlight) {
      return { status: 503, code: 'RATE_LIMITED', message: 'Gatehouse is busy receiving other large requests. Try again in 1 s.' }
    }
    this.#inFlight += length
    try {
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of request) {
        size += (chunk as Buffer).length
        if (size > length) return { status: 400, code: 'INVALID_INPUT', message: 'The body is longer than its Content-Length.' }
        chunks.push(chunk as Buffer)
      }
      return Buffer.concat(chunks).toString('utf8')
    } finally {
      this.#inFlight -= length
    }
  }
}
