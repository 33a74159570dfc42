/**
 * A separate process that writes audit events, for the reliability tests (SIGKILL mid-burst, two
 * instances on one file, a full or read-only file system). Run with `node --import tsx`.
 *   burst DB          writes events forever, printing "intent" and "done" lines as they commit
 *   count DB N NAME   writes N events whose targets start with NAME, then exits
 *   fill DIR          writes until the storage fails, then tries once more; prints a JSON report
 */
import { join } from 'node:path'
import { AppFailure } from '../../api/result.ts'
import { AuditTrail } from '../../audit/audit-trail.ts'
import type { AuditIntent } from '../../audit/audit.types.ts'

const [mode, location = '', countText = '0', prefix = 'user'] = process.argv.slice(2)

const intent = (name: string): AuditIntent => ({
  connection: { id: 'c1', name: 'prod', endpoint: 'http://127.0.0.1:9000' },
  actor: 'admin',
  action: 'user.created',
  target: { type: 'user', name },
  // Some bulk, so a small file system fills within a few hundred events.
  details: { note: 'x'.repeat(400) },
})

async function burst(): Promise<void> {
  const trail = AuditTrail.open(location, { durability: 'normal' })
  for (let index = 0; ; index++) {
    await trail.recordChange(intent(`user${index}`), async () => {
      process.stdout.write('intent\n')
      // A real server call yields to the event loop; so does this, so a kill can land in between.
      await new Promise((resolve) => setImmediate(resolve))
      return {}
    })
    process.stdout.write('done\n')
  }
}

async function count(): Promise<void> {
  const trail = AuditTrail.open(location)
  for (let index = 0; index < Number(countText); index++) {
    await trail.recordChange(intent(`${prefix}${index}`), async () => {
      await new Promise((resolve) => setImmediate(resolve))
      return {}
    })
  }
  trail.close()
}

async function fill(): Promise<void> {
  let written = 0
  let serverCalls = 0
  let trail: AuditTrail | undefined
  const report = (failure: unknown) => {
    const error = failure instanceof AppFailure ? { code: failure.code, message: failure.message } : { code: 'OTHER', message: String(failure) }
    // Reading still works on a full or read-only file system: how many calls have an intent row?
    const intents = trail?.database.prepare(`SELECT count(*) AS n FROM entries WHERE kind = 'intent'`).pluck().get() ?? 0
    process.stdout.write(`${JSON.stringify({ written, serverCalls, intents, error })}\n`)
  }
  try {
    trail = AuditTrail.open(join(location, 'audit.sqlite'))
  } catch (failure) {
    return report(failure)
  }
  for (;;) {
    try {
      await trail.recordChange(intent(`user${written}`), async () => {
        serverCalls++
        return {}
      })
      written++
    } catch (failure) {
      return report(failure)
    }
  }
}

const modes: Record<string, () => Promise<void>> = { burst, count, fill }
await (modes[mode ?? ''] ?? (() => Promise.reject(new Error(`unknown mode ${mode}`))))()
