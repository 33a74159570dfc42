import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { loadSnapshot, parseSnapshot, snapshotText } from './snapshot-file.ts'
import { SNAPSHOT_FORMAT, type Snapshot } from './snapshot.schema.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

const valid: Snapshot = {
  format: SNAPSHOT_FORMAT,
  version: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  source: { endpoint: 'http://127.0.0.1:9000', exportedBy: 'root' },
  policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [] } }],
  users: [{ accessKey: 'alice', status: 'enabled', policies: ['p'], memberOf: ['ops'] }],
  groups: [{ name: 'ops', status: 'enabled', members: ['alice'], policies: [] }],
  accessKeys: [{ accessKey: 'KEY1', parentUser: 'alice', status: 'enabled' }],
}

function failureOf(body: () => unknown): AppFailure {
  try {
    body()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}

describe('loadSnapshot / parseSnapshot', () => {
  it('round-trips a valid snapshot through its text form', async () => {
    const path = join(tempDir('gatehouse-snapshot-'), 'iam.json')
    writeFileSync(path, snapshotText(valid))
    expect(await loadSnapshot(path)).toEqual(valid)
  })

  it('says clearly when the file is missing, not JSON, or not a snapshot', async () => {
    await expect(loadSnapshot('/nonexistent/iam.json')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Could not read the snapshot file \/nonexistent\/iam.json \(ENOENT\)/) })
    expect(failureOf(() => parseSnapshot('{oops', 'f.json'))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^The snapshot f.json is not valid JSON/) })
    expect(failureOf(() => parseSnapshot('{"users": []}', 'f.json')).message).toMatch(/f.json is not a Gatehouse IAM snapshot/)
    expect(failureOf(() => parseSnapshot(JSON.stringify({ ...valid, version: 7 }), 'f.json')).message).toMatch(/version 7, written by a newer Gatehouse/)
  })

  it('names the line and column where the JSON breaks', () => {
    const text = '{\n  "format": "gatehouse.iam-snapshot",\n  "users": [,]\n}'
    expect(failureOf(() => parseSnapshot(text, 'f.json')).message).toMatch(/^The snapshot f.json is not valid JSON at line 3, column 13 \(/)
    expect(failureOf(() => parseSnapshot('{"a": 1}\n\n  x', 'f.json')).message).toMatch(/not valid JSON at line 3, column 3 /)
  })

  it('refuses a secret field anywhere', () => {
    const withSecret = { ...valid, users: [{ ...valid.users[0], secretKey: 'hunter22hunter22' }] }
    const failure = failureOf(() => parseSnapshot(JSON.stringify(withSecret), 'f.json'))
    expect(failure.message).toMatch(/users\[0\]: Unrecognized key: "secretKey"/)
    expect(failure.message).not.toContain('hunter22')
  })

  it('lists broken references with their paths', () => {
    const broken = {
      ...valid,
      users: [{ accessKey: 'alice', status: 'enabled', policies: ['missing'], memberOf: [] }],
      accessKeys: [{ accessKey: 'KEY1', parentUser: 'nobody', status: 'enabled' }],
    }
    const failure = failureOf(() => parseSnapshot(JSON.stringify(broken), 'f.json'))
    expect(failure.message).toContain("users[0].policies[0]: Names the policy 'missing', which is not in the snapshot.")
    expect(failure.message).toContain("users[0].memberOf: User 'alice' lists groups [] but the groups' member lists say [ops]")
    expect(failure.message).toContain("accessKeys[0].parentUser: Access key 'KEY1' belongs to user 'nobody'")
    expect(failure.details?.issues).toHaveLength(3)
  })
})
