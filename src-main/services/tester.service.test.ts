import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { iamStateFromSnapshot } from './tester-sources.service.ts'
import { testerContract } from '../api/tester.contract.ts'
import type { ChannelInput } from '../api/contract.ts'
import { catalogueView, evaluateWorkspace as evaluateParsed } from './tester.service.ts'

/** The service receives what the contract's input schema produced (defaults filled). */
function evaluateWorkspace(input: ChannelInput<'tester.evaluate'>, now: Date) {
  return evaluateParsed(testerContract['tester.evaluate'].input.parse(input), now)
}

const NOW = new Date(Date.UTC(2026, 10, 23, 9, 30, 15, 500))

const readLogs = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadLogs', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }],
})
const denyOutsideOffice = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'OfficeOnly', Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } },
  ],
})
const documents = [
  { id: 'd1', name: 'read-logs', text: readLogs },
  { id: 'd2', name: 'office-only', text: denyOutsideOffice },
]

function run(options: { userPolicies?: string[]; groups?: Array<{ name: string; enabled: boolean; policies: string[] }>; sourceIp?: string; object?: string; session?: string | null }) {
  return evaluateWorkspace(
    {
      documents,
      principal: {
        userName: 'alice',
        userPolicies: options.userPolicies ?? ['d1'],
        groups: options.groups ?? [{ name: 'staff', enabled: true, policies: ['d2'] }],
        ...(options.session === undefined ? {} : { accessKey: { sessionPolicy: options.session } }),
        isRoot: false,
        isOwner: false,
      },
      request: { action: 's3:GetObject', bucket: 'logs', object: options.object ?? 'app/today.log', conditions: { 'aws:SourceIp': [options.sourceIp ?? '10.1.2.3'] } },
    },
    NOW,
  )
}

describe('evaluateWorkspace', () => {
  it('allows and names the deciding statement with its workspace document', () => {
    const answer = run({})
    expect(answer).toMatchObject({ effect: 'allow', allowed: true, reason: 'evaluated' })
    const decisive = answer.parent?.statements.filter((trace) => trace.isDecisive) ?? []
    expect(decisive.map((trace) => [trace.documentName, trace.sid, trace.effect])).toEqual([['read-logs', 'ReadLogs', 'Allow']])
    expect(answer.parent?.summary).toContain('"read-logs", statement 1')
    const deny = answer.parent?.statements.find((trace) => trace.sid === 'OfficeOnly')
    expect(deny?.documentId).toBe('d2')
    expect(deny?.conditions[0]).toMatchObject({ operator: 'NotIpAddress', matched: false, requestValues: ['10.1.2.3'] })
  })

  it('an explicit Deny from a group policy beats the user Allow', () => {
    const answer = run({ sourceIp: '203.0.113.9' })
    expect(answer.effect).toBe('explicitDeny')
    const decisive = answer.parent?.statements.filter((trace) => trace.isDecisive) ?? []
    expect(decisive.map((trace) => trace.sid)).toEqual(['OfficeOnly'])
    expect(answer.summary).toContain('"office-only", statement 1')
    expect(decisive[0]?.conditions[0]?.matched).toBe(true)
  })

  it('an implicit deny when no Allow covers the resource, with the pattern that did not match', () => {
    const answer = evaluateWorkspace(
      {
        documents,
        principal: { userName: 'alice', userPolicies: ['d1'], groups: [] },
        request: { action: 's3:GetObject', bucket: 'backups', object: 'db.sql', conditions: {} },
      },
      NOW,
    )
    expect(answer.effect).toBe('implicitDeny')
    const trace = answer.parent?.statements[0]
    expect(trace?.resourceMatched).toBe(false)
    expect(trace?.resources[0]).toMatchObject({ pattern: 'arn:aws:s3:::logs/*', matched: false })
  })

  it('a disabled group denies everything to its members, as the server does', () => {
    expect(run({ groups: [{ name: 'staff', enabled: false, policies: ['d2'] }] })).toMatchObject({ allowed: false, reason: 'disabledGroup' })
  })

  it('a session policy can only narrow the parent', () => {
    const narrowed = run({ session: 'd2', sourceIp: '203.0.113.9' })
    expect(narrowed.allowed).toBe(false)
    expect(run({ session: null }).allowed).toBe(true)
  })

  it('refuses a principal that names a document the workspace does not have', () => {
    expect(() => run({ userPolicies: ['nope'] })).toThrow(AppFailure)
  })

  it('reports validation issues of the documents it used, with a JSON path', () => {
    const answer = evaluateWorkspace(
      {
        documents: [{ id: 'x', name: 'typo', text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObjekt"],"Resource":["*"]}]}' }],
        principal: { userName: '', userPolicies: ['x'], groups: [] },
        request: { action: 's3:GetObject', bucket: 'b', object: 'k', conditions: {} },
      },
      NOW,
    )
    expect(answer.documents[0]?.issues.some((issue) => issue.path.startsWith('Statement[0].Action'))).toBe(true)
  })
})

describe('catalogueView', () => {
  it('lists actions of every family and the condition keys each allows', () => {
    const view = catalogueView()
    expect(view.actions.find((action) => action.name === 's3:GetObject')).toMatchObject({ family: 's3', resource: 'object' })
    expect(view.actions.some((action) => action.name === 'admin:CreateUser')).toBe(true)
    expect(view.keysByAction['s3:ListBucket']).toContain('s3:prefix')
    expect(view.keysByAction['s3:GetObject']).not.toContain('s3:prefix')
    expect(view.conditionKeys).toContain('aws:SourceIp')
  })
})

describe('iamStateFromSnapshot', () => {
  const document = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['arn:aws:s3:::*'] }] })
  const snapshot = {
    format: 'gatehouse.iam-snapshot',
    version: 1,
    exportedAt: '2026-11-23T09:00:00Z',
    source: { endpoint: 'http://127.0.0.1:9000', exportedBy: 'admin' },
    policies: [{ name: 'readonly', document: document(['s3:GetObject']) }, { name: 'office', document: document(['s3:PutObject']) }],
    users: [{ accessKey: 'alice', status: 'enabled', policies: ['readonly'], memberOf: ['staff'] }],
    groups: [{ name: 'staff', status: 'disabled', members: ['alice'], policies: ['office'] }],
    accessKeys: [{ accessKey: 'AKALICE1', parentUser: 'alice', status: 'enabled', sessionPolicy: document(['s3:ListBucket']) }],
  }

  it('reads users, groups, memberships, policies and access keys', () => {
    const state = iamStateFromSnapshot(JSON.stringify(snapshot), 'prod.json')
    expect(state.users).toEqual([{ name: 'alice', enabled: true, policies: ['readonly'], groups: ['staff'] }])
    expect(state.groups).toEqual([{ name: 'staff', enabled: false, policies: ['office'] }])
    expect(state.policies.map((policy) => policy.name)).toEqual(['readonly', 'office'])
    expect(JSON.parse(state.policies[1]?.text ?? '')).toEqual(document(['s3:PutObject']))
    expect(state.accessKeys[0]).toMatchObject({ accessKey: 'AKALICE1', parentUser: 'alice', enabled: true })
    expect(JSON.parse(state.accessKeys[0]?.sessionPolicy ?? '')).toEqual(document(['s3:ListBucket']))
  })

  it('says what is wrong with a file that is not a snapshot', () => {
    expect(() => iamStateFromSnapshot('{"hello": 1}', 'x.json')).toThrow(/not a Gatehouse IAM snapshot/)
    expect(() => iamStateFromSnapshot('{', 'x.json')).toThrow(/not valid JSON/)
    expect(() => iamStateFromSnapshot(JSON.stringify({ ...snapshot, users: [{ ...snapshot.users[0], policies: ['missing'] }] }), 'x.json')).toThrow(/missing/)
  })
})

describe('the server map and S3 operations', () => {
  const denyPlain = JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] },
    { Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { Bool: { 'aws:SecureTransport': ['false'] } } },
  ] })
  const listOne = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::one'], Condition: { StringEquals: { 's3:prefix': [''] } } }] })
  const principal = (id: string) => ({ userName: 'alice', userPolicies: [id], groups: [] })

  it('a Deny on SecureTransport=false fires over http, not over https, and the user can override it', () => {
    const ask = (secureTransport: boolean, conditions = {}) => evaluateWorkspace({
      documents: [{ id: 'p', name: 'no-plain', text: denyPlain }], principal: principal('p'),
      request: { action: 's3:GetObject', bucket: 'b', object: 'k', conditions, transport: { secureTransport } },
    }, NOW)
    expect(ask(false)).toMatchObject({ allowed: false, effect: 'explicitDeny' })
    expect(ask(true).allowed).toBe(true)
    const overridden = ask(false, { 'aws:SecureTransport': ['true'] })
    expect(overridden.allowed).toBe(true)
    expect(overridden.filled).toContainEqual({ key: 'SecureTransport', values: ['false'], source: 'server', overridden: true })
  })

  it('ListBuckets without ListAllMyBuckets lists the buckets that allow ListBucket with prefix ""', () => {
    const answer = evaluateWorkspace({
      documents: [{ id: 'p', name: 'list-one', text: listOne }], principal: principal('p'),
      request: { action: 's3:ListAllMyBuckets', operation: { kind: 'ListBuckets', buckets: ['one', 'two'] } },
    }, NOW)
    expect(answer.allowed).toBe(true)
    expect(answer.operation?.listedBuckets).toEqual(['one'])
    expect(answer.operation?.checks.map((check) => [check.action, check.bucket, check.allowed])).toEqual([
      ['s3:ListAllMyBuckets', '', false], ['s3:ListBucket', 'one', true], ['s3:ListBucket', 'two', false], ['s3:GetBucketLocation', 'two', false],
    ])
  })

  it('a ListObjects with prefix "x" is denied by the same policy, and the answer shows the map it used', () => {
    const answer = evaluateWorkspace({
      documents: [{ id: 'p', name: 'list-one', text: listOne }], principal: principal('p'),
      request: { action: 's3:ListBucket', bucket: 'one', operation: { kind: 'ListObjectsV2', prefix: 'x', delimiter: '/' } },
    }, NOW)
    expect(answer.allowed).toBe(false)
    expect(answer.conditionValues).toMatchObject({ prefix: ['x'], delimiter: ['/'], 'list-type': ['2'], SecureTransport: ['true'] })
  })
})

describe('evaluateWorkspace per MinIO release', () => {
  const star = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] })
  const oneCharacter = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/caf?.txt'] }] })
  function ask(text: string, object: string, semantics: { id?: string; serverVersion?: string }) {
    return evaluateWorkspace({
      documents: [{ id: 'p', name: 'p', text }],
      principal: { userName: 'alice', userPolicies: ['p'], groups: [], isRoot: false, isOwner: false },
      request: { action: 's3:GetObject', bucket: 'logs', object, semantics },
    }, NOW)
  }

  it('validates and decides with the 2024 line\'s rules for a 2024 server (a bare "*" Resource is refused)', () => {
    const old = ask(star, 'a.txt', { serverVersion: 'RELEASE.2024-10-29T16-01-48Z' })
    expect(old).toMatchObject({ allowed: false, reason: 'invalidPolicy', semantics: { id: 'pkg-v3.0.13', basis: 'server' } })
    expect(old.documents[0]?.issues.map((issue) => issue.message)).toContain("invalid resource '*'")
    expect(old.semantics.label).toMatch(/^Answered as MinIO RELEASE\.2024-10-29 decides/)
    const current = ask(star, 'a.txt', {})
    expect(current).toMatchObject({ allowed: true, semantics: { id: 'pkg-v3.1.3', exact: true } })
    expect(current.documents[0]?.issues).toEqual([])
  })

  it('matches `?` against one character before minio/pkg v3.0.13 and one byte after', () => {
    expect(ask(oneCharacter, 'café.txt', { id: 'pkg-v3.0.8' }).allowed).toBe(true)
    expect(ask(oneCharacter, 'café.txt', { id: 'pkg-v3.0.13' }).allowed).toBe(false)
    expect(ask(oneCharacter, 'café.txt', {}).allowed).toBe(false)
  })
})
