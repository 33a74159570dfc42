import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MUTATING_OPERATIONS } from '../minio/index.ts'

const API_DIR = import.meta.dirname
const handlerFiles = readdirSync(API_DIR).filter((name) => name.endsWith('.ipc.ts'))
// The domain services the handlers call compose the session's changes (save, detach everywhere, …).
const SERVICES_DIR = join(API_DIR, '../services')
const composingFiles = [
  ...handlerFiles.map((name) => join(API_DIR, name)),
  ...readdirSync(SERVICES_DIR).filter((name) => name.endsWith('.service.ts')).map((name) => join(SERVICES_DIR, name)),
]

describe('IAM handlers make changes only through the audited IamSession', () => {
  it('no handler opens its own admin client or imports minio/ (only the IAM session holds a client)', () => {
    expect(handlerFiles).toContain('snapshots.ipc.ts')
    for (const file of handlerFiles) {
      const source = readFileSync(join(API_DIR, file), 'utf8')
      expect(source, file).not.toMatch(/\.adminClient\(|new AdminClient\(/)
      expect(source, file).not.toMatch(/from '\.\.\/minio\//)
    }
  })

  it('every mutating call in any handler or domain service is made on the audited `iam` session', () => {
    const calls: string[] = []
    for (const file of composingFiles) {
      const source = readFileSync(file, 'utf8')
      for (const operation of MUTATING_OPERATIONS) {
        for (const match of source.matchAll(new RegExp(`(\\w+)\\.${operation}\\(`, 'g'))) calls.push(`${file}: ${match[1]}.${operation}`)
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(MUTATING_OPERATIONS.length)
    expect(calls.filter((call) => !call.includes(': iam.'))).toEqual([])
  })
})
