import { randomUUID } from 'node:crypto'
import { appErrorOf, type AppError, type Result } from './result.ts'
import { contract, isChannel, type Contract } from './contract.ts'
import type { z } from 'zod'

type ChannelSpec = { input: z.ZodType; output: z.ZodType }

/** Handlers for one domain's contract: schema-checked input in, the output value out (or AppFailure thrown). */
export type DomainHandlers<T extends Record<string, ChannelSpec>> = {
  [C in keyof T]: (input: z.output<T[C]['input']>) => Promise<z.input<T[C]['output']>>
}

/** Handlers for the whole contract. */
export type Handlers = DomainHandlers<Contract>

export interface DispatchLog {
  warn: (message: string) => void
  error: (message: string) => void
}

/**
 * The single path from a transport (IPC or browser mode) to a service: known channel → input
 * schema → handler → output schema → Result. Never throws. Output passes its schema too, which
 * strips any field the contract does not name, so nothing extra (a secret) can leak by accident.
 */
export async function dispatch(handlers: Handlers, channel: unknown, rawInput: unknown, log: DispatchLog): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    log.warn(`refused: unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`)
    // The same answer the preload gives an unknown channel, so both transports refuse it alike.
    return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel ${String(channel).slice(0, 80)}.` } }
  }
  const spec = contract[channel]
  const input = spec.input.safeParse(rawInput ?? {})
  if (!input.success) {
    const detail = issueDetail(input.error.issues)
    log.warn(`refused: invalid input for ${channel}: ${detail}`)
    return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid input for ${channel}: ${detail}` } }
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>
    const value = spec.output.parse(await handler(input.data))
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: appErrorOf(error, (bug) => internalError(bug, channel, log)) }
  }
}

/**
 * A bug caught at the boundary (a handler's, or a transport's own): logged once with a correlation
 * id, shown as INTERNAL with that id and no detail. `doing` names what failed, for the log.
 */
export function internalError(bug: unknown, doing: string, log: DispatchLog): AppError {
  const correlationId = randomUUID().slice(0, 8)
  log.error(`[${correlationId}] ${doing} failed: ${bug instanceof Error ? (bug.stack ?? bug.message) : String(bug)}`)
  return { code: 'INTERNAL', message: `Gatehouse hit an internal error (id ${correlationId}). Check the server state before retrying; the log has the details under this id.` }
}

/**
 * The refusal's text, bounded: a path holds the caller's record keys and an unknown key's message
 * names it, so a megabyte key would be echoed whole into the answer and the log.
 */
function issueDetail(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)
  const shown = issues.slice(0, 10).map((issue) => `${issue.path.map((part) => clip(String(part), 64)).join('.') || '(input)'}: ${clip(issue.message, 300)}`)
  return [...shown, ...(issues.length > 10 ? [`and ${issues.length - 10} more`] : [])].join('; ')
}
