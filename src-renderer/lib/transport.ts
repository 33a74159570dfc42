import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract.ts'
import type { Result } from '../../src-main/api/result.ts'

const TOKEN_KEY = 'gatehouse.token'

/**
 * Browser mode's printed URL carries a one-time launch ticket in its fragment (never sent to a
 * server). The page trades it for the per-run token and removes it from the address bar; the
 * ticket is dead once traded, so the URL Chromium keeps in its history opens nothing. The token
 * is kept for this tab only.
 */
async function browserToken(): Promise<string | null> {
  const match = /(?:^#|&)ticket=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    history.replaceState(null, '', window.location.pathname + window.location.search)
    const response = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket: decodeURIComponent(match[1]) }) })
    const answer = (await response.json()) as Result<{ token: string }>
    if (answer.ok) sessionStorage.setItem(TOKEN_KEY, answer.value.token)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

const token: Promise<string | null> = window.gatehouse ? Promise.resolve(null) : browserToken().catch(() => sessionStorage.getItem(TOKEN_KEY))
const NO_TOKEN = { code: 'NOT_CONNECTED', message: 'This page has no valid browser-mode token. Open the URL that `npm start` printed.' } as const

/** Calls one contract channel over the Electron preload or, in browser mode, loopback HTTP. Never throws. */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    if (window.gatehouse) return (await window.gatehouse.invoke(channel, input)) as Result<ChannelOutput<C>>
    // Without a token every call would be refused: say so without asking (and without a 401 in the console).
    const current = await token
    if (!current) return { ok: false, error: NO_TOKEN }
    const response = await fetch(`/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${current}` },
      body: JSON.stringify(input),
    })
    if (response.status === 401) return { ok: false, error: NO_TOKEN }
    return (await response.json()) as Result<ChannelOutput<C>>
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Gatehouse's backend did not answer (${error instanceof Error ? error.message : String(error)}). Is it still running?` },
    }
  }
}
