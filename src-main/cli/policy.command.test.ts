import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliIo } from './io.ts'
import { main } from './main.ts'

const directory = mkdtempSync(join(tmpdir(), 'gatehouse-policy-cli-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(directory, name)
  writeFileSync(path, text)
  return path
}

/** Runs the CLI in-process with a fake CliIo and returns exit code and output. */
async function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => stdin,
    isStdinTty: false,
    env: {},
  }
  const code = await main(['policy', ...args], io)
  return { code, stdout, stderr }
}

const READ_DATA = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data/*'] }] }
const request = (object: string) => ({ action: 's3:GetObject', bucket: 'data', object })

describe('gatehouse policy (in-process)', () => {
  it('prints help with exit 0, and usage with exit 2 when no command is given', async () => {
    expect(await cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('eval --cases FILE|-') })
    expect(await cli(['lint', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('test SUITE') })
    expect((await cli([])).code).toBe(2)
    const unknown = await cli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown command 'frobnicate'")
  })

  it('eval answers each case in input order, with MinIO errors for rejected documents', async () => {
    const lines = [
      { id: 'a', policies: [READ_DATA], request: request('x') },
      { id: 'b', policies: [READ_DATA], request: { ...request('x'), bucket: 'other' } },
      { id: 'c', policies: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:getobject","Resource":"*"}]}'], request: request('x') },
    ].map((line) => JSON.stringify(line))
    const result = await cli(['eval', '--cases', '-'], lines.join('\n') + '\n')
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { id: 'a', allowed: true },
      { id: 'b', allowed: false },
      { id: 'c', error: "unsupported action 's3:getobject'" },
    ])
  })

  it('eval answers an S3 operation as the server checks it: the ListBuckets rule, SecureTransport from the request', async () => {
    const listOne = { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::one'] },
      { Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { Bool: { 'aws:SecureTransport': ['false'] } } },
    ] }
    const lines = [
      { id: 'list', policies: [listOne], request: { operation: 'ListBuckets', buckets: ['one', 'two'], user: 'alice' } },
      { id: 'plain', policies: [listOne], request: { operation: 'ListObjectsV2', bucket: 'one', prefix: '', user: 'alice', secureTransport: false } },
      { id: 'typo', policies: [listOne], request: { operation: 'ListEverything' } },
    ].map((line) => JSON.stringify(line))
    const result = await cli(['eval', '--cases', '-'], lines.join('\n') + '\n')
    expect(result.code).toBe(1)
    const [list, plain] = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(list).toMatchObject({ id: 'list', allowed: true, listedBuckets: ['one'], checks: [{ action: 's3:ListAllMyBuckets', allowed: false }, { action: 's3:ListBucket', bucket: 'one', allowed: true }, { action: 's3:ListBucket', bucket: 'two', allowed: false }, { action: 's3:GetBucketLocation', bucket: 'two', allowed: false }] })
    expect(plain).toMatchObject({ id: 'plain', allowed: false, checks: [{ action: 's3:ListBucket', allowed: false }] })
    expect(result.stderr).toMatch(/-:3: not a valid operation case: request\.operation\.kind: /)
  })

  it('eval --explain attaches the explanation; malformed lines exit 1 and name the line', async () => {
    const cases = file('cases.jsonl', `${JSON.stringify({ id: 'e', policies: [READ_DATA], request: request('x') })}\nnot json\n{"id":"x","policies":5}\n`)
    const result = await cli(['eval', '--cases', cases, '--explain'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ id: 'e', allowed: true, explanation: { effect: 'allow' } })
    expect(result.stderr).toContain(`${cases}:2: not a JSON case`)
    expect(result.stderr).toContain(`${cases}:3: not a valid case`)
  })

  it('eval without --cases, or with a missing file, is a usage error', async () => {
    expect((await cli(['eval'])).code).toBe(2)
    const missing = await cli(['eval', '--cases', join(directory, 'nope.jsonl')])
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') })
  })

  it('validate reports MinIO messages with path and line:column, exit 1 on errors', async () => {
    const good = file('good.json', JSON.stringify(READ_DATA, null, 2))
    const bad = file('bad.json', '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": ["s3:getobject"], "Resource": ["*"]}\n  ]\n}\n')
    const result = await cli(['validate', good, bad])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`${good}: ok`)
    expect(result.stdout).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: error: unsupported action 's3:getobject' \\(at Statement\\[0\\]\\.Action(\\[0\\])?\\)`))
    expect((await cli(['validate', good])).code).toBe(0)
  })

  it('lint prints advice with rule ids; warnings exit 0, error findings exit 1', async () => {
    const wide = file('wide.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data*'] }] }, null, 2))
    const warned = await cli(['lint', wide])
    expect(warned.code).toBe(0)
    expect(warned.stdout).toMatch(/wide\.json:\d+:\d+: warning: .*\[bucket-wildcard-spans-buckets\] \(at Statement\[0\]\.Resource\[0\]\)/)
    const notAction = file('not-action.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: '*' }] }))
    const failed = await cli(['lint', '--json', notAction])
    expect(failed.code).toBe(1)
    expect(JSON.parse(failed.stdout)[0].findings.map((finding: { id: string }) => finding.id)).toContain('not-action-not-storable')
  })

  it('test runs a suite, prints a table, and exits 1 when a case fails', async () => {
    const policy = file('read.json', JSON.stringify(READ_DATA))
    const suite = file('suite.yaml', [
      `policies: { read: ${JSON.stringify(policy)} }`,
      'cases:',
      '  - { name: reads data, policies: [read], request: { action: s3:GetObject, bucket: data, object: x }, expect: allow }',
      '  - { name: wrongly expects a write, policies: [read], request: { action: s3:PutObject, bucket: data, object: x }, expect: allow }',
    ].join('\n'))
    const result = await cli(['test', suite])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/pass\s+reads data/)
    expect(result.stdout).toMatch(/FAIL\s+wrongly expects a write\s+\[read\]\s+s3:PutObject\s+data\/x\s+allow\s+implicitDeny/)
    expect(result.stdout).toContain('1 passed, 1 failed')
  })

  it('test refuses a malformed suite or a dangling name with exit 2', async () => {
    const dangling = file('dangling.yaml', 'policies: {}\ncases:\n  - { name: x, principal: nobody, request: { action: s3:GetObject }, expect: deny }\n')
    expect(await cli(['test', dangling])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown principal 'nobody'") })
    const malformed = file('malformed.yaml', 'cases: 5\n')
    expect((await cli(['test', malformed])).code).toBe(2)
  })
})

const run = promisify(execFile)
const NODE = join(process.cwd(), 'node_modules', '.bin', 'node')

/** Runs the real bin as a child process, as CI would. */
async function bin(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(NODE, ['bin/gatehouse.js', ...args], { cwd: process.cwd() })
  if (input !== undefined) {
    child.child.stdin?.end(input)
  }
  try {
    const { stdout, stderr } = await child
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string }
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr }
  }
}

describe('gatehouse policy (the real bin)', () => {
  it('runs the example suite from the repository and passes', async () => {
    const result = await bin(['policy', 'test', 'examples/policy-tests/team.suite.yaml'])
    expect(result.stdout).toMatch(/\d+ passed, 0 failed/)
    expect(result.code).toBe(0)
  })

  it('evaluates cases from standard input', async () => {
    const result = await bin(['policy', 'eval', '--cases', '-'], JSON.stringify({ id: 1, policies: [READ_DATA], request: request('y') }) + '\n')
    expect(result).toMatchObject({ code: 0, stdout: '{"id":"1","allowed":true}\n' })
  })

  it('keeps exit code 2 for usage errors', async () => {
    const result = await bin(['policy', 'validate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('validate needs at least one FILE')
  })
})
