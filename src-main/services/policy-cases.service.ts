import { createHash } from 'node:crypto'
import { readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AppFailure } from '../api/result.ts'
import { ensurePrivateDir, writePrivateFileAtomically } from '../shared/private-files.ts'
import type { PolicyCase } from './policy-cases-run.ts'

// A policy's saved cases, kept on this machine only (never on the server), one file per
// connection + policy in the `gatehouse policy test` suite format, so a file can be run in CI
// beside the policy document: `policies: { <name>: <name>.json }`, every case naming that policy.

const FOLDER = 'policy-cases'
/** Cases per policy: each edit in the editor runs them all in the policy worker. */
export const MAX_CASES_PER_POLICY = 500
/** A cases file larger than this is not read (500 full cases are well under 1 MiB). */
export const MAX_CASES_FILE_BYTES = 4 * 1024 * 1024

const caseSchema = z.object({
  name: z.string(),
  policies: z.array(z.string()).optional(),
  request: z.object({
    action: z.string(),
    bucket: z.string().default(''),
    object: z.string().default(''),
    conditions: z.record(z.string(), z.array(z.string())).default({}),
  }),
  expect: z.enum(['allow', 'deny', 'explicitDeny', 'implicitDeny']),
})
const fileSchema = z.object({ name: z.string().optional(), policies: z.record(z.string(), z.string()), cases: z.array(caseSchema) })

/**
 * A file name for a connection id or policy name: its SHA-256 in hex. Fixed length (a 1 KiB policy
 * name stays under the 255-byte name limit), no separator or `..` can survive, and lower-case hex
 * cannot collide on a case-insensitive file system (macOS, Windows), where base64 of two names can.
 */
function fileNameOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * The saved cases of each connection's policies, under `<dataDir>/policy-cases/` (0700 folders,
 * 0600 files). `connectionIdOf` turns the name or id a caller gives into the profile's id (and
 * refuses an unknown connection), so one connection's cases are one folder however it is named.
 */
export class PolicyCasesStore {
  constructor(
    private readonly dataDir: string,
    private readonly connectionIdOf: (connection: string) => string = (connection) => connection,
  ) {}

  #folderOf(connectionId: string): string {
    return join(this.dataDir, FOLDER, fileNameOf(connectionId))
  }

  #file(connection: string, policy: string): { folder: string; path: string } {
    const folder = this.#folderOf(this.connectionIdOf(connection))
    return { folder, path: join(folder, `${fileNameOf(policy)}.suite.json`) }
  }

  /** The saved cases, in the order saved; [] when none. A damaged file is refused, never overwritten. */
  list(connection: string, policy: string): PolicyCase[] {
    return this.#read(this.#file(connection, policy).path, policy)
  }

  /** Adds a case, or replaces the saved case of the same name. Returns every saved case. */
  save(connection: string, policy: string, item: PolicyCase): PolicyCase[] {
    const { folder, path } = this.#file(connection, policy)
    const cases = this.#read(path, policy)
    const index = cases.findIndex((saved) => saved.name === item.name)
    if (index >= 0) cases[index] = item
    else if (cases.length >= MAX_CASES_PER_POLICY) {
      throw new AppFailure('INVALID_INPUT', `Policy '${policy}' already has ${MAX_CASES_PER_POLICY} saved cases, the most it can keep. Remove one first; nothing was changed.`)
    } else cases.push(item)
    this.#write(folder, path, policy, cases)
    return cases
  }

  /** Removes the case of that name (nothing when there is none). Returns every saved case. */
  remove(connection: string, policy: string, name: string): PolicyCase[] {
    const { folder, path } = this.#file(connection, policy)
    const cases = this.#read(path, policy).filter((saved) => saved.name !== name)
    this.#write(folder, path, policy, cases)
    return cases
  }

  /**
   * Deletes a policy's saved cases (asked for when the policy is deleted; kept otherwise, so a
   * policy created again under the name finds them). Returns how many there were; a damaged file
   * goes too (it was asked for), counted as 0. Nothing there: 0.
   */
  forgetPolicy(connection: string, policy: string): number {
    const { path } = this.#file(connection, policy)
    let count = 0
    try {
      count = this.#read(path, policy).length
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
    }
    try {
      rmSync(path, { force: true })
    } catch (error) {
      throw new AppFailure('INVALID_INPUT', `Gatehouse could not delete the saved cases file ${path} (${(error as Error).message}). Delete it by hand or make the data directory writable.`, { path })
    }
    return count
  }

  /** Deletes every saved case of a connection (its profile was removed). Takes the profile id. */
  forgetConnection(connectionId: string): void {
    rmSync(this.#folderOf(connectionId), { recursive: true, force: true })
  }

  #read(path: string, policy: string): PolicyCase[] {
    let text: string
    try {
      const size = statSync(path).size
      if (size > MAX_CASES_FILE_BYTES) {
        throw new AppFailure('INVALID_INPUT', `The saved cases file ${path} is ${size} bytes, over the ${MAX_CASES_FILE_BYTES}-byte limit; it was not read. Shorten or delete it; nothing was changed.`, { path })
      }
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if (error instanceof AppFailure) throw error
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new AppFailure('INVALID_INPUT', `Gatehouse could not read the saved cases ${path} (${(error as Error).message}).`, { path })
    }
    let parsed: z.infer<typeof fileSchema>
    let named: string[]
    try {
      const raw: unknown = JSON.parse(text)
      parsed = fileSchema.parse(raw)
      // The names as written: zod's record drops a `__proto__` key, which is a valid policy name.
      named = Object.keys((raw as { policies: object }).policies)
    } catch (error) {
      throw new AppFailure('INVALID_INPUT', `The saved cases file ${path} is damaged (${(error as Error).message.slice(0, 200)}). Fix or delete it; nothing was changed.`, { path })
    }
    // The file names the policy it belongs to: a file copied or renamed onto another policy's name is refused.
    if (!named.includes(policy)) {
      throw new AppFailure('INVALID_INPUT', `The saved cases file ${path} belongs to policy '${named[0] ?? '?'}', not '${policy}'. Move or delete it; nothing was changed.`, { path })
    }
    return parsed.cases.map(({ name, request, expect }) => ({ name, request, expect }))
  }

  // Atomic and 0600 (writePrivateFileAtomically): a crash leaves the old file or the new one.
  #write(folder: string, path: string, policy: string, cases: PolicyCase[]): void {
    const suite = {
      name: `Saved cases of policy '${policy}'`,
      policies: { [policy]: `${policy}.json` },
      cases: cases.map((item) => ({ name: item.name, policies: [policy], request: item.request, expect: item.expect })),
    }
    // #read refuses a file over the limit: writing one would lock the user out of every case of the policy.
    const text = `${JSON.stringify(suite, null, 2)}\n`
    const size = Buffer.byteLength(text, 'utf8')
    if (size > MAX_CASES_FILE_BYTES) {
      throw new AppFailure('INVALID_INPUT', `The saved cases of policy '${policy}' would be ${size} bytes, over the ${MAX_CASES_FILE_BYTES}-byte limit of a cases file. Give this case fewer or shorter condition values, or remove a case; nothing was changed.`, { path })
    }
    try {
      ensurePrivateDir(join(this.dataDir, FOLDER))
      ensurePrivateDir(folder)
      writePrivateFileAtomically(path, text)
    } catch (error) {
      throw new AppFailure('INVALID_INPUT', `Gatehouse could not save the cases file ${path} (${(error as Error).message}). Make the data directory writable.`, { path })
    }
  }
}
