import { readFile, writeFile } from 'node:fs/promises'
import { scanFirstValue } from '../policy/json/go-json.ts'
import { AppFailure } from '../api/result.ts'
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, snapshotSchema, type Snapshot } from './snapshot.schema.ts'

const MAX_ISSUES_SHOWN = 10

/**
 * Loads and validates a snapshot file: the offline workspace for the tester and the CLI. Throws
 * AppFailure NOT_FOUND when the file cannot be read, INVALID_INPUT when it is not JSON, not a
 * Gatehouse snapshot, from a newer Gatehouse, or fails the schema (the message lists where, e.g.
 * `users[3].policies[0]`, and what to change; `details.issues` has them all).
 */
export async function loadSnapshot(path: string): Promise<Snapshot> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AppFailure('NOT_FOUND', `Could not read the snapshot file ${path} (${code ?? 'error'}). Check the path, or export one with 'gatehouse snapshot export'.`)
  }
  return parseSnapshot(text, path)
}

/** Validates snapshot text (see loadSnapshot); `source` names it in messages. */
export function parseSnapshot(text: string, source: string): Snapshot {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new AppFailure('INVALID_INPUT', `The snapshot ${source} is not valid JSON${syntaxPosition(text)} (${(error as Error).message}). Fix the file or export it again.`)
  }
  checkEnvelope(data, source)
  const parsed = snapshotSchema.safeParse(data)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((line) => `  - ${line}`).join('\n')
  const more = issues.length > MAX_ISSUES_SHOWN ? `\n  … and ${issues.length - MAX_ISSUES_SHOWN} more` : ''
  throw new AppFailure('INVALID_INPUT', `The snapshot ${source} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${shown}${more}`, { issues })
}

// JSON.parse names no line (Node 20), so the Go-style scanner finds where the text goes wrong.
function syntaxPosition(text: string): string {
  const scanned = scanFirstValue(text)
  const offset = scanned.ok ? scanned.end + (/\S/.exec(text.slice(scanned.end))?.index ?? 0) : scanned.offset
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return ` at line ${line}, column ${offset - before.lastIndexOf('\n')}`
}

// The format and version are checked first so a wrong file gets one clear sentence, not 50 issues.
function checkEnvelope(data: unknown, source: string): void {
  const envelope = (typeof data === 'object' && data !== null ? data : {}) as { format?: unknown; version?: unknown }
  if (envelope.format !== SNAPSHOT_FORMAT) {
    throw new AppFailure('INVALID_INPUT', `${source} is not a Gatehouse IAM snapshot (expected "format": "${SNAPSHOT_FORMAT}"). Export one with 'gatehouse snapshot export'.`)
  }
  if (typeof envelope.version === 'number' && envelope.version > SNAPSHOT_VERSION) {
    throw new AppFailure('INVALID_INPUT', `The snapshot ${source} has version ${envelope.version}, written by a newer Gatehouse; this one reads version ${SNAPSHOT_VERSION}. Update Gatehouse.`)
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(file)'
}

/** Serialises a snapshot as stable, readable JSON (2-space indent, trailing newline). */
export function snapshotText(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`
}

/** Writes a snapshot to `path` (created or replaced; mode 0600: it maps who can do what). */
export async function writeSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  try {
    await writeFile(path, snapshotText(snapshot), { mode: 0o600 })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AppFailure('INVALID_INPUT', `Could not write the snapshot to ${path} (${code ?? 'error'}). Check that the folder exists and is writable.`)
  }
}
