import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AppFailure } from '../api/result.ts'
import { ensurePrivateDir, openPrivateFile } from '../shared/private-files.ts'
import type { PolicyCase } from './policy-cases-run.ts'

// A policy's saved cases, kept on this machine only (never on the server), one file per
// connection + policy in the `gatehouse policy test` suite format, so a file can be run in CI
// beside the policy document: `policies: { <name>: <name>.json }`, every case naming that policy.

const FOLDER = 'policy-cases'

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

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** The saved cases of each connection's policies, under `<dataDir>/policy-cases/` (0700 folders, 0600 files). */
export class PolicyCasesStore {
  constructor(private readonly dataDir: string) {}

  #folder(connectionId: string): string {
    return join(this.dataDir, FOLDER, encode(connectionId))
  }

  #file(connectionId: string, policy: string): string {
    return join(this.#folder(connectionId), `${encode(policy)}.suite.json`)
  }

  /** The saved cases, in the order saved; [] when none. A damaged file is refused, never overwritten. */
  list(connectionId: string, policy: string): PolicyCase[] {
    const path = this.#file(connectionId, policy)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new AppFailure('INVALID_INPUT', `Gatehouse could not read the saved cases ${path} (${(error as Error).message}).`, { path })
    }
    let parsed: z.infer<typeof fileSchema>
    try {
      parsed = fileSchema.parse(JSON.parse(text))
    } catch (error) {
      throw new AppFailure('INVALID_INPUT', `The saved cases file ${path} is damaged (${(error as Error).message.slice(0, 200)}). Fix or delete it; nothing was changed.`, { path })
    }
    return parsed.cases.map(({ name, request, expect }) => ({ name, request, expect }))
  }

  /** Adds a case, or replaces the saved case of the same name. Returns every saved case. */
  save(connectionId: string, policy: string, item: PolicyCase): PolicyCase[] {
    const cases = this.list(connectionId, policy)
    const index = cases.findIndex((saved) => saved.name === item.name)
    if (index >= 0) cases[index] = item
    else cases.push(item)
    this.#write(connectionId, policy, cases)
    return cases
  }

  /** Removes the case of that name (nothing when there is none). Returns every saved case. */
  remove(connectionId: string, policy: string, name: string): PolicyCase[] {
    const cases = this.list(connectionId, policy).filter((saved) => saved.name !== name)
    this.#write(connectionId, policy, cases)
    return cases
  }

  // A temp file (0600, flushed), then a rename: a crash leaves the old file or the new one.
  #write(connectionId: string, policy: string, cases: PolicyCase[]): void {
    const folder = this.#folder(connectionId)
    const path = this.#file(connectionId, policy)
    const suite = {
      name: `Saved cases of policy '${policy}'`,
      policies: { [policy]: `${policy}.json` },
      cases: cases.map((item) => ({ name: item.name, policies: [policy], request: item.request, expect: item.expect })),
    }
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      ensurePrivateDir(join(this.dataDir, FOLDER))
      ensurePrivateDir(folder)
      const descriptor = openPrivateFile(temporary, 'wx')
      try {
        writeSync(descriptor, `${JSON.stringify(suite, null, 2)}\n`)
        fsyncSync(descriptor)
      } finally {
        closeSync(descriptor)
      }
      renameSync(temporary, path)
    } catch (error) {
      rmSync(temporary, { force: true })
      throw new AppFailure('INVALID_INPUT', `Gatehouse could not save the cases file ${path} (${(error as Error).message}). Make the data directory writable.`, { path })
    }
  }
}
