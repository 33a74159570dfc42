import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { respondFailure } from './respond.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/**
 * The same CSP as the Electron window: our scripts only, no eval, no inline script, no inline style
 * attributes. style-src-elem keeps 'unsafe-inline' for CodeMirror's theme <style> element (e2e/csp.spec.ts).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'none'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * Serves the built renderer. `path` is already percent-decoded (request-guard.ts); paths are confined
 * to `root`; unknown paths get index.html (one-page app).
 */
export async function serveStatic(root: string, path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return respondFailure(response, 405, 'INVALID_INPUT', 'Only GET and HEAD are served here.')
  const relative = normalize(path).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if ((!file.startsWith(root + sep) && file !== root) || file.includes('\0')) return respondFailure(response, 404, 'NOT_FOUND', 'Not found.')
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) file = join(root, 'index.html')
  if (!(await stat(file).catch(() => undefined))) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('The Gatehouse UI is not built yet. Run `npm run build` (npm start does this for you).\n')
    return
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  response.writeHead(200, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  })
  if (request.method === 'HEAD') {
    response.end()
    return
  }
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response)
}
