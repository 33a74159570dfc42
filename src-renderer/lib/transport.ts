import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract.ts'
import type { Result } from '../../src-main/shared/result.ts'

const TOKEN_KEY = 'gatehouse.token'

/**
 * Browser mode passes its per-run token in the URL fragment (never sent to a server). Keep it for
 * this tab only and remove it from the address bar, so it is not shared by copying the URL.
 */
function browserToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]))
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

const token = window.gatehouse ? null : browserToken()
const NO_TOKEN = { code: 'NOT_CONNECTED', message: 'This page has no valid browser-mode token. Open the URL that `npm start` printed.' } as const

/** Calls one contract channel over the Electron preload or, in browser mode, loopback HTTP. Never throws. */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    if (window.gatehouse) return (await window.gatehouse.invoke(channel, input)) as Result<ChannelOutput<C>>
    // Without a token every call would be refused: say so without asking (and without a 401 in the console).
    if (!token) return { ok: false, error: NO_TOKEN }
    const response = await fetch(`/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
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
