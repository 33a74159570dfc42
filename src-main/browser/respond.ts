import type { ServerResponse } from 'node:http'
import type { ErrorCode } from '../api/result.ts'

/** Writes a JSON answer: every API answer and every refusal is a Result, whatever its status. */
export function respond(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-length': Buffer.byteLength(text),
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(text)
}

export function respondFailure(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  respond(response, status, { ok: false, error: { code, message } })
}
