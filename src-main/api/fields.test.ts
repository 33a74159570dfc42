import { describe, expect, it } from 'vitest'
import { accessKeysContract } from './access-keys.contract.ts'
import { groupsContract } from './groups.contract.ts'
import { newUserName } from './fields.ts'
import { policiesContract } from './policies.contract.ts'
import { usersContract } from './users.contract.ts'

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? [])
}

describe('IAM name schemas (MinIO §4.4)', () => {
  it('accepts path-safe user names and trims them', () => {
    expect(newUserName.parse('  alice@example.com ')).toBe('alice@example.com')
    expect(newUserName.parse('svc.backup-01+ci')).toBe('svc.backup-01+ci')
  })

  it.each([
    ['ab', 'at least 3'],
    ['a,b,c', 'letters, digits'],
    ['team/alice', 'letters, digits'],
    ['a=b', 'letters, digits'],
    ['x'.repeat(129), 'at most 128'],
  ])('refuses %j with a clear message', (name, fragment) => {
    const result = usersContract['users.create'].input.safeParse({ connectionId: 'c1', accessKey: name, secretKey: 'long-enough' })
    expect(messages(result).join(' ')).toContain(fragment)
  })

  it('refuses `..` as a group name and a short secret', () => {
    expect(messages(groupsContract['groups.create'].input.safeParse({ connectionId: 'c1', name: '..', members: [] })).join(' ')).toContain("'.' or '..'")
    expect(messages(usersContract['users.create'].input.safeParse({ connectionId: 'c1', accessKey: 'alice', secretKey: 'short' })).join(' ')).toContain('at least 8')
  })

  it('refuses an attach target that names both a user and a group', () => {
    const input = { connectionId: 'c1', target: { user: 'alice', group: 'devs' }, policies: ['readonly'] }
    expect(policiesContract['policies.attach'].input.safeParse(input).success).toBe(false)
    expect(policiesContract['policies.attach'].input.safeParse({ ...input, target: { group: 'devs' } }).success).toBe(true)
  })

  it('keeps access-key expiry inside MinIO’s 15 min … 365 days', () => {
    const create = accessKeysContract['accessKeys.create'].input
    const at = (ms: number) => new Date(Date.now() + ms).toISOString()
    expect(messages(create.safeParse({ connectionId: 'c1', expiresAt: at(60_000) })).join(' ')).toContain('15 minutes')
    expect(messages(create.safeParse({ connectionId: 'c1', expiresAt: at(400 * 86_400_000) })).join(' ')).toContain('365 days')
    expect(create.safeParse({ connectionId: 'c1', expiresAt: at(86_400_000) }).success).toBe(true)
    expect(messages(create.safeParse({ connectionId: 'c1', name: '1st-key' })).join(' ')).toContain('start with a letter')
  })

  it('never lets an output schema other than accessKeys.create carry a secret', () => {
    const detail = accessKeysContract['accessKeys.get'].output.parse({ accessKey: 'K', parentUser: 'u', status: 'enabled', impliedPolicy: true, secretKey: 'leak' })
    expect(detail).not.toHaveProperty('secretKey')
  })
})
