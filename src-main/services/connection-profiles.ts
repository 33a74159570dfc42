import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir } from '../shared/private-files.ts'
import { AppFailure } from '../api/result.ts'

/** Connection metadata kept on disk. The secret key is NOT here: it lives in the keychain under `id`. */
export interface ConnectionProfile {
  id: string
  name: string
  endpoint: string
  accessKey: string
  tls: { allowSelfSigned: boolean; caFile?: string }
  /** When temporary credentials expire (ISO), as the person typed it in; not a secret. */
  sessionExpiresAt?: string
  createdAt: string
  updatedAt: string
}

export type ProfileFields = Pick<ConnectionProfile, 'name' | 'endpoint' | 'accessKey' | 'tls' | 'sessionExpiresAt'>

const FILE_NAME = 'connections.json'

/**
 * The profile file `<dataDir>/connections.json`: read whole, written atomically (temp file +
 * rename, mode 0600) so a crash mid-write never loses the existing profiles.
 */
export class ConnectionProfileStore {
  constructor(private readonly dataDir: string) {}

  list(): ConnectionProfile[] {
    let text: string
    try {
      text = readFileSync(join(this.dataDir, FILE_NAME), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new AppFailure('INTERNAL', `Could not read ${join(this.dataDir, FILE_NAME)}: ${(error as Error).message}`)
    }
    try {
      const parsed = JSON.parse(text) as { connections?: ConnectionProfile[] }
      return parsed.connections ?? []
    } catch {
      throw new AppFailure(
        'INTERNAL',
        `${join(this.dataDir, FILE_NAME)} is not valid JSON. Fix or move the file; Gatehouse did not change it.`,
      )
    }
  }

  get(idOrName: string): ConnectionProfile {
    const profile = this.list().find((candidate) => candidate.id === idOrName || candidate.name === idOrName)
    if (!profile) throw new AppFailure('NOT_FOUND', `No connection named '${idOrName}'.`)
    return profile
  }

  create(fields: ProfileFields): ConnectionProfile {
    const profiles = this.list()
    this.#assertUniqueName(profiles, fields.name)
    const now = new Date().toISOString()
    const profile: ConnectionProfile = { id: randomUUID(), ...fields, createdAt: now, updatedAt: now }
    this.#write([...profiles, profile])
    return profile
  }

  update(id: string, fields: ProfileFields): { before: ConnectionProfile; after: ConnectionProfile } {
    const profiles = this.list()
    const before = profiles.find((candidate) => candidate.id === id)
    if (!before) throw new AppFailure('NOT_FOUND', `No connection with id '${id}'.`)
    this.#assertUniqueName(profiles, fields.name, id)
    const after: ConnectionProfile = { ...before, ...fields, updatedAt: new Date().toISOString() }
    this.#write(profiles.map((candidate) => (candidate.id === id ? after : candidate)))
    return { before, after }
  }

  remove(id: string): ConnectionProfile {
    const profiles = this.list()
    const removed = profiles.find((candidate) => candidate.id === id)
    if (!removed) throw new AppFailure('NOT_FOUND', `No connection with id '${id}'.`)
    this.#write(profiles.filter((candidate) => candidate.id !== id))
    return removed
  }

  /** Throws CONFLICT when another profile has this name (checked before secrets are written). */
  assertNameFree(name: string, exceptId?: string): void {
    this.#assertUniqueName(this.list(), name, exceptId)
  }

  #assertUniqueName(profiles: ConnectionProfile[], name: string, exceptId?: string): void {
    if (profiles.some((candidate) => candidate.name === name && candidate.id !== exceptId)) {
      throw new AppFailure('CONFLICT', `A connection named '${name}' already exists. Choose another name.`)
    }
  }

  #write(profiles: ConnectionProfile[]): void {
    ensurePrivateDir(this.dataDir)
    const path = join(this.dataDir, FILE_NAME)
    const temporary = `${path}.${process.pid}.tmp`
    writeFileSync(temporary, `${JSON.stringify({ version: 1, connections: profiles }, null, 2)}\n`, { mode: 0o600 })
    renameSync(temporary, path)
  }
}
