import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSuite } from '../cli/policy/policy-suite.ts'
import { runSuite } from '../cli/policy/policy-test.ts'
import { runPolicyCases, type PolicyCase } from './policy-cases-run.ts'
import { MAX_CASES_FILE_BYTES, MAX_CASES_PER_POLICY, PolicyCasesStore } from './policy-cases.service.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { policyCase } from '../api/policy-cases.contract.ts'

const tempDir = useTempDirs()
const hex = (text: string) => createHash('sha256').update(text).digest('hex')
const folderOf = (dir: string, connection: string) => join(dir, 'policy-cases', hex(connection))

const readTeam = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::team/*'] }] })
const reads: PolicyCase = { name: 'reads a team file', request: { action: 's3:GetObject', bucket: 'team', object: 'a.txt', conditions: {} }, expect: 'allow' }
const noWrite: PolicyCase = { name: 'cannot write', request: { action: 's3:PutObject', bucket: 'team', object: 'a.txt', conditions: {} }, expect: 'deny' }

describe('PolicyCasesStore', () => {
  it('keeps cases per connection and policy in a 0600 suite file, replacing a case of the same name', () => {
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    expect(store.list('c1', 'team/read')).toEqual([])
    store.save('c1', 'team/read', reads)
    store.save('c1', 'team/read', noWrite)
    expect(store.save('c1', 'team/read', { ...reads, expect: 'implicitDeny' }).map((item) => [item.name, item.expect])).toEqual([['reads a team file', 'implicitDeny'], ['cannot write', 'deny']])
    expect(store.list('c2', 'team/read')).toEqual([])
    expect(store.remove('c1', 'team/read', 'cannot write').map((item) => item.name)).toEqual(['reads a team file'])
    const folder = folderOf(dir, 'c1')
    const [file] = readdirSync(folder)
    expect(statSync(join(folder, file!)).mode & 0o777).toBe(0o600)
    expect(statSync(folder).mode & 0o777).toBe(0o700)
    const suite = JSON.parse(readFileSync(join(folder, file!), 'utf8'))
    expect(suite.policies).toEqual({ 'team/read': 'team/read.json' })
    expect(suite.cases[0]).toMatchObject({ name: 'reads a team file', policies: ['team/read'], expect: 'implicitDeny' })
  })

  it('forgets one policy’s cases on request, saying how many; others stay, and a damaged file goes too', () => {
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    store.save('c1', 'p', reads)
    store.save('c1', 'p', noWrite)
    store.save('c1', 'q', reads)
    store.save('c2', 'p', reads)
    expect(store.forgetPolicy('c1', 'p')).toBe(2)
    expect(store.list('c1', 'p')).toEqual([])
    expect(store.list('c1', 'q').map((item) => item.name)).toEqual([reads.name])
    expect(store.list('c2', 'p').map((item) => item.name)).toEqual([reads.name])
    expect(store.forgetPolicy('c1', 'p')).toBe(0)
    const folder = folderOf(dir, 'c1')
    writeFileSync(join(folder, `${hex('q')}.suite.json`), '{ not json')
    expect(store.forgetPolicy('c1', 'q')).toBe(0)
    expect(readdirSync(folder)).toEqual([])
  })

  it('refuses a damaged file and leaves it as it was', () => {
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    store.save('c1', 'p', reads)
    const folder = folderOf(dir, 'c1')
    const path = join(folder, readdirSync(folder)[0]!)
    writeFileSync(path, '{ not json')
    expect(() => store.save('c1', 'p', noWrite)).toThrow(/damaged/)
    expect(readFileSync(path, 'utf8')).toBe('{ not json')
  })

  it('names files by a fixed-length lower-case hash: long, dotted and case-twin names neither fail nor collide', () => {
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    // MinIO accepts names other tools made; base64 of 1,024 characters overflowed the 255-byte name limit.
    const long = 'p'.repeat(1024)
    store.save('c1', long, reads)
    expect(store.list('c1', long).map((item) => item.name)).toEqual(['reads a team file'])
    // base64url('aaa') = 'YWFh' and base64url('aaG') = 'YWFH': one file on a case-insensitive file system (macOS, Windows).
    for (const name of ['../../escape', 'Readers', 'readers', '..', 'aaa', 'aaG']) store.save('c1', name, { ...reads, name })
    expect(store.list('c1', 'aaG').map((item) => item.name)).toEqual(['aaG'])
    expect(store.list('c1', 'Readers').map((item) => item.name)).toEqual(['Readers'])
    expect(store.list('c1', 'readers').map((item) => item.name)).toEqual(['readers'])
    expect(readdirSync(join(dir, 'policy-cases'))).toEqual([hex('c1')])
    for (const file of readdirSync(folderOf(dir, 'c1'))) expect(file).toMatch(/^[0-9a-f]{64}\.suite\.json$/)
  })

  it('refuses a file that names another policy, an oversized file, and a case over the cap, changing nothing', () => {
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    store.save('c1', 'a', reads)
    const folder = folderOf(dir, 'c1')
    const fileOf = (policy: string) => join(folder, `${hex(policy)}.suite.json`)
    writeFileSync(fileOf('b'), readFileSync(fileOf('a')))
    expect(() => store.list('c1', 'b')).toThrow(/belongs to policy 'a', not 'b'/)
    writeFileSync(fileOf('big'), ' '.repeat(MAX_CASES_FILE_BYTES + 1))
    expect(() => store.save('c1', 'big', reads)).toThrow(/over the .*-byte limit.*nothing was changed/)
    expect(statSync(fileOf('big')).size).toBe(MAX_CASES_FILE_BYTES + 1)
    for (let index = 0; index < MAX_CASES_PER_POLICY; index++) store.save('c1', 'full', { ...reads, name: `case ${index}` })
    expect(() => store.save('c1', 'full', { ...reads, name: 'one more' })).toThrow(/already has 500 saved cases/)
    expect(store.save('c1', 'full', { ...reads, name: 'case 3', expect: 'deny' })).toHaveLength(MAX_CASES_PER_POLICY)
  })

  it('refuses a save that would make the file too large to read again, keeping the cases saved', () => {
    // What the channel accepts (policyCase: 50 keys × 100 values × 4 KiB) can exceed the read limit
    // in one or two cases; written, the file would refuse every later list and save of the policy.
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    const conditions = Object.fromEntries(Array.from({ length: 25 }, (_, key) => [`k${key}`, Array.from({ length: 100 }, () => 'v'.repeat(1000))]))
    const large = { ...reads, name: 'large', request: { ...reads.request, conditions } }
    expect(policyCase.safeParse(large).success).toBe(true)
    store.save('c1', 'p', large)
    expect(() => store.save('c1', 'p', { ...large, name: 'larger' })).toThrow(/over the .*-byte limit.*nothing was changed/i)
    expect(store.list('c1', 'p').map((item) => item.name)).toEqual(['large'])
  })

  it('keeps the cases of policies named like Object members (__proto__, constructor)', () => {
    const store = new PolicyCasesStore(tempDir('gatehouse-cases-'))
    for (const policy of ['__proto__', 'constructor', 'hasOwnProperty']) {
      store.save('c1', policy, reads)
      expect(store.list('c1', policy).map((item) => item.name)).toEqual(['reads a team file'])
    }
    expect(Object.prototype).not.toHaveProperty('reads a team file')
  })

  it('keys cases by the profile id however the connection is named, and forgets them with the connection', () => {
    const dir = tempDir('gatehouse-cases-')
    const ids: Record<string, string> = { prod: 'id-1', 'id-1': 'id-1', test: 'id-2', 'id-2': 'id-2' }
    const store = new PolicyCasesStore(dir, (connection) => ids[connection] ?? (() => { throw new Error(`no connection ${connection}`) })())
    store.save('prod', 'p', reads)
    expect(store.list('id-1', 'p').map((item) => item.name)).toEqual(['reads a team file'])
    expect(store.list('test', 'p')).toEqual([])
    expect(() => store.list('gone', 'p')).toThrow(/no connection gone/)
    store.forgetConnection('id-1')
    expect(existsSync(folderOf(dir, 'id-1'))).toBe(false)
    expect(store.list('prod', 'p')).toEqual([])
  })
})

describe('the saved file is a `gatehouse policy test` suite', () => {
  it('runs in the CLI beside the policy document, with the answers the editor gives', async () => {
    const dir = tempDir('gatehouse-cases-')
    const store = new PolicyCasesStore(dir)
    store.save('c1', 'team-read', reads)
    store.save('c1', 'team-read', noWrite)
    const folder = folderOf(dir, 'c1')
    writeFileSync(join(folder, 'team-read.json'), readTeam)
    const io = { stdout: () => {}, stderr: () => {}, readStdin: async () => '', isStdinTty: false, env: {} }
    const suite = await loadSuite(join(folder, readdirSync(folder).find((name) => name.endsWith('.suite.json'))!), io)
    expect(runSuite(suite).map((row) => [row.name, row.actual, row.passed])).toEqual(runPolicyCases(readTeam, [reads, noWrite]).map((row) => [row.name, row.actual, row.passed]))
  })
})

describe('runPolicyCases', () => {
  it('judges each case against the draft as `gatehouse policy test` does', () => {
    expect(runPolicyCases(readTeam, [reads, noWrite]).map((row) => [row.name, row.actual, row.passed])).toEqual([['reads a team file', 'allow', true], ['cannot write', 'implicitDeny', true]])
    const broken = readTeam.replace('s3:GetObject', 's3:PutObject')
    expect(runPolicyCases(broken, [reads, noWrite]).filter((row) => !row.passed).map((row) => row.name)).toEqual(['reads a team file', 'cannot write'])
  })

  it('answers error for a draft MinIO rejects, and uses condition values with full key names', () => {
    expect(runPolicyCases('{', [reads])[0]).toMatchObject({ actual: 'error', passed: false })
    const office = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::team/*'], Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] })
    const inside = { ...reads, request: { ...reads.request, conditions: { 'aws:SourceIp': ['10.1.2.3'] } } }
    expect(runPolicyCases(office, [inside, reads]).map((row) => row.actual)).toEqual(['allow', 'implicitDeny'])
  })
})
