import { describe, expect, it } from 'vitest'
import type { IamReader } from './iam-session.ts'
import { effectiveAccess, userDetail } from './users.service.ts'

describe('effectiveAccess (MinIO §4.6)', () => {
  it('lists user and group policies as applying for an enabled user in enabled groups', () => {
    const result = effectiveAccess({ status: 'enabled', policies: ['readonly'] }, [{ name: 'devs', status: 'enabled', policies: ['readwrite'] }])
    expect(result.effective).toEqual([
      { policy: 'readonly', via: 'user', isActive: true },
      { policy: 'readwrite', via: 'devs', isActive: true },
    ])
    expect(result.deniedAllReason).toBeUndefined()
  })

  it('denies everything, own policies included, when any group is disabled', () => {
    const result = effectiveAccess({ status: 'enabled', policies: ['readonly'] }, [
      { name: 'devs', status: 'disabled', policies: ['readwrite'] },
      { name: 'ops', status: 'enabled', policies: ['diagnostics'] },
    ])
    expect(result.effective.every((item) => !item.isActive)).toBe(true)
    expect(result.deniedAllReason).toContain("disabled group 'devs'")
  })

  it('says why a disabled user or a user without policies has no access', () => {
    expect(effectiveAccess({ status: 'disabled', policies: ['readonly'] }, []).deniedAllReason).toContain('disabled')
    expect(effectiveAccess({ status: 'enabled', policies: [] }, []).deniedAllReason).toContain('No policy')
  })
})

/** A server of one user in two groups, `ops` disabled: what the session's reads would answer. */
function fakeReader(calls: string[]): IamReader {
  const groups: Record<string, { status: 'enabled' | 'disabled'; policies: string[] }> = {
    devs: { status: 'enabled', policies: ['readwrite'] },
    // MinIO: group info shows no policy for a disabled group (§4.2); the mapping still has it.
    ops: { status: 'disabled', policies: [] },
  }
  const reader = {
    endpoint: 'http://127.0.0.1:9000',
    actor: 'root',
    getUser: async (accessKey: string) => {
      calls.push(`getUser ${accessKey}`)
      return accessKey === 'loner'
        ? { accessKey, status: 'enabled', policies: [], memberOf: [] }
        : { accessKey, status: 'enabled', policies: ['readonly'], memberOf: ['devs', 'ops'] }
    },
    getGroup: async (name: string) => {
      calls.push(`getGroup ${name}`)
      return { name, members: ['alice'], ...groups[name]! }
    },
    policyEntities: async () => {
      calls.push('policyEntities')
      return { userMappings: [], groupMappings: [{ group: 'devs', policies: ['readwrite'] }, { group: 'ops', policies: ['diagnostics'] }], policyMappings: [] }
    },
  }
  return reader as unknown as IamReader
}

describe('userDetail (users.get)', () => {
  it('reads a disabled group’s policies from the mapping and denies the user everything', async () => {
    const detail = await userDetail(fakeReader([]), 'alice')
    expect(detail.groups).toEqual([
      { name: 'devs', status: 'enabled', policies: ['readwrite'] },
      { name: 'ops', status: 'disabled', policies: ['diagnostics'] },
    ])
    expect(detail.effective).toEqual([
      { policy: 'readonly', via: 'user', isActive: false },
      { policy: 'readwrite', via: 'devs', isActive: false },
      { policy: 'diagnostics', via: 'ops', isActive: false },
    ])
    expect(detail.deniedAllReason).toContain("disabled group 'ops'")
  })

  it('skips the encrypted policy-entities call for a user in no group', async () => {
    const calls: string[] = []
    const detail = await userDetail(fakeReader(calls), 'loner')
    expect(calls).toEqual(['getUser loner'])
    expect(detail.deniedAllReason).toContain('No policy')
  })
})
