import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testSnapshot } from '../testbed/worlds/access-world.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import type { CliIo } from './io.ts'
import { main } from './main.ts'

const directory = useTempDirs()('gatehouse-access-cli-')
function snapshotFile(name: string, snapshot = testSnapshot()): string {
  const path = join(directory, name)
  writeFileSync(path, JSON.stringify(snapshot))
  return path
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), readStdin: async () => '', isStdinTty: false, env: {} }
  return { code: await main(['access', ...args], io), stdout, stderr }
}

describe('gatehouse access (in-process, snapshot files)', () => {
  const world = snapshotFile('world.json')

  it('who-can --json has the documented shape: action, resource, allowed[kind, name, conditional, conditions, decidedBy[policy, statement]]', async () => {
    const result = await cli(['who-can', '--snapshot', world, '--action', 's3:GetObject', '--resource', 'data/report.csv', '--json'])
    expect(result.code).toBe(0)
    const answer = JSON.parse(result.stdout)
    expect(Object.keys(answer)).toEqual(['action', 'resource', 'allowed'])
    expect(answer.allowed).toEqual([
      { kind: 'user', name: 'bob', conditional: false, conditions: [], decidedBy: [{ policy: 'write-all', statement: 1 }] },
      { kind: 'user', name: 'erin', conditional: true, conditions: ['aws:SourceIp'], decidedBy: [{ policy: 'office-only', statement: 1 }] },
      { kind: 'user', name: 'gina', conditional: false, conditions: [], decidedBy: [{ policy: 'tls-writes', statement: 1 }] },
      { kind: 'accessKey', name: 'AKBOBFULL', conditional: false, conditions: [], decidedBy: [{ policy: 'write-all', statement: 1 }] },
    ])
  })

  it('who-can --condition settles a conditional answer (a value outside the range drops the user)', async () => {
    const args = ['who-can', '--snapshot', world, '--action', 's3:GetObject', '--resource', 'data/report.csv', '--json']
    const inside = JSON.parse((await cli([...args, '--condition', 'aws:SourceIp=10.9.9.9'])).stdout)
    expect(inside.allowed.find((entry: { name: string }) => entry.name === 'erin')).toMatchObject({ conditional: false })
    const outside = JSON.parse((await cli([...args, '--condition', 'aws:SourceIp=192.0.2.1'])).stdout)
    expect(outside.allowed.map((entry: { name: string }) => entry.name)).not.toContain('erin')
  })

  it('matrix --csv and --json for a user, a group and an access key', async () => {
    const csv = await cli(['matrix', '--snapshot', world, '--principal', 'user:gina', '--actions', 's3:GetObject,s3:PutObject', '--resources', 'data/x,logs/x', '--csv'])
    expect(csv).toMatchObject({ code: 0 })
    expect(csv.stdout.trim().split('\n')).toEqual([
      'action,resource,decision,conditional,conditions,decided_by',
      's3:GetObject,data/x,allow,false,,tls-writes#1',
      's3:GetObject,logs/x,implicitDeny,false,,',
      's3:PutObject,data/x,allow,true,aws:SecureTransport,tls-writes#1 tls-writes#2',
      's3:PutObject,logs/x,implicitDeny,false,,',
    ])
    const group = JSON.parse((await cli(['matrix', '--snapshot', world, '--principal', 'group:readers', '--actions', 's3:GetObject', '--resources', 'logs/a,logs/secret/a', '--json'])).stdout)
    expect(group.cells.map((cell: { decision: string }) => cell.decision)).toEqual(['allow', 'explicitDeny'])
    const key = JSON.parse((await cli(['matrix', '--snapshot', world, '--principal', 'key:AKBOBNARROW', '--actions', 's3:GetObject,s3:PutObject', '--resources', 'logs/a', '--json'])).stdout)
    expect(key.cells.map((cell: { decision: string }) => cell.decision)).toEqual(['allow', 'implicitDeny'])
  })

  it('diff exits 1 when access was gained, 0 when only lost or nothing changed', async () => {
    const gained = testSnapshot()
    gained.users.push({ accessKey: 'zed', status: 'enabled', policies: ['read-logs'], memberOf: [] })
    const after = snapshotFile('after.json', gained)
    const result = await cli(['diff', world, after, '--json'])
    expect(result.code).toBe(1)
    const diff = JSON.parse(result.stdout)
    expect(diff.lost).toEqual([])
    expect(diff.gained).toContainEqual({ kind: 'user', name: 'zed', action: 's3:GetObject', resource: 'logs/x', before: 'none', after: 'allow', decidedBy: [{ policy: 'read-logs', statement: 1 }] })
    expect(new Set(diff.gained.map((item: { name: string }) => item.name))).toEqual(new Set(['zed']))
    expect((await cli(['diff', after, world])).code).toBe(0)
    expect((await cli(['diff', world, world])).stdout).toContain('No access changed.')
  })

  it('refuses bad input with exit 2 (usage) or 1 (unknown principal, broken file), saying what to fix', async () => {
    expect(await cli(['who-can', '--snapshot', world, '--action', 's3:Get*', '--resource', 'logs/a'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not a pattern') })
    expect(await cli(['who-can', '--action', 's3:GetObject', '--resource', 'logs/a'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--snapshot FILE or --connection NAME') })
    expect(await cli(['who-can', '--snapshot', world, '--action', 's3:GetObject', '--resource', '*/a'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no wildcards') })
    expect(await cli(['matrix', '--snapshot', world, '--principal', 'bob'])).toMatchObject({ code: 2 })
    expect(await cli(['matrix', '--snapshot', world, '--principal', 'user:nobody'])).toMatchObject({ code: 1, stderr: expect.stringContaining("There is no user 'nobody'") })
    const broken = join(directory, 'broken.json')
    writeFileSync(broken, '{"format": "gatehouse.iam-snapshot", ')
    expect(await cli(['who-can', '--snapshot', broken, '--action', 's3:GetObject', '--resource', 'a'])).toMatchObject({ code: 1, stderr: expect.stringContaining('INVALID_INPUT') })
  })
})
