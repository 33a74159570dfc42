import { describe, expect, it } from 'vitest'
import { effectiveAccess } from './users.ipc.ts'

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
