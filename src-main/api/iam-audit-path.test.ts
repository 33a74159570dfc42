import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MUTATING_OPERATIONS } from '../minio/index.ts'

const API_DIR = import.meta.dirname
const handlerFiles = readdirSync(API_DIR).filter((name) => name.endsWith('.ipc.ts'))

describe('IAM handlers make changes only through the audited IamService', () => {
  it('no handler opens its own admin client (only iam-kit.ts does, typed read-only)', () => {
    expect(handlerFiles).toContain('snapshots.ipc.ts')
    for (const file of handlerFiles) {
      expect(readFileSync(join(API_DIR, file), 'utf8'), file).not.toMatch(/\.adminClient\(|new AdminClient\(/)
    }
  })

  it('every mutating call in any handler is made on the audited `iam` object', () => {
    const calls: string[] = []
    for (const file of handlerFiles) {
      const source = readFileSync(join(API_DIR, file), 'utf8')
      for (const operation of MUTATING_OPERATIONS) {
        for (const match of source.matchAll(new RegExp(`(\\w+)\\.${operation}\\(`, 'g'))) calls.push(`${file}: ${match[1]}.${operation}`)
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(MUTATING_OPERATIONS.length)
    expect(calls.filter((call) => !call.includes(': iam.'))).toEqual([])
  })
})
