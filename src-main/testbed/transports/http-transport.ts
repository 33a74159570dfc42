import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startBrowserModeProcess } from './browser-mode-process.ts'
import type { ContractResult, ContractTransport } from './contract-transport.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/**
 * The contract over browser mode, as the page reaches it: the real entry in its own process, the
 * launch ticket from the printed URL traded for the per-run token (POST /api/session), then
 * POST /api/invoke/<channel> with that token. `env` is added to this process's environment (the
 * keyring session's D-Bus address comes along); npm_package_version is set as `npm start` sets it.
 */
export async function startHttpTransport(env: Record<string, string> & { GATEHOUSE_DATA_DIR: string }): Promise<ContractTransport> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const browser = await startBrowserModeProcess({ ...process.env, GATEHOUSE_PORT: '0', npm_package_version: version, ...env })
  const open = new URL(browser.openUrl)
  const ticket = new URLSearchParams(open.hash.slice(1)).get('ticket')
  const post = async (path: string, body: unknown, token?: string): Promise<ContractResult> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
    const reply = await fetch(`${open.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    return (await reply.json()) as ContractResult
  }
  const session = await post('/api/session', { ticket })
  if (!session.ok) {
    await browser.stop()
    throw new Error(`browser mode refused its own launch ticket: ${session.error.message}\n${browser.output()}`)
  }
  const token = (session.value as { token: string }).token
  // Same length, other characters: the server compares in constant time and must still refuse.
  const wrongToken = token.replace(/./g, (character) => (character === 'A' ? 'B' : 'A'))
  return {
    name: 'browser',
    dataDir: env.GATEHOUSE_DATA_DIR,
    invoke: (channel, input) => post(`/api/invoke/${channel}`, input, token),
    invokeAsStranger: (channel, input) => post(`/api/invoke/${channel}`, input, wrongToken),
    output: browser.output,
    stop: browser.stop,
  }
}
