import { describe, expect, it } from 'vitest'
import { deniedBeforePolicies, evaluatePrincipal } from './principal.ts'

const V = '2012-10-17'
const readB = { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }
const denyB = { Version: V, Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::b/secret/*' }] }
const writeAll = { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }] }
const get = (object: string) => ({ action: 's3:GetObject', bucket: 'b', object })

describe('evaluatePrincipal', () => {
  it('merges user and enabled-group policies; a Deny anywhere wins', () => {
    const principal = { userPolicies: [readB], groups: [{ name: 'eng', enabled: true, policies: [denyB] }] }
    expect(evaluatePrincipal(principal, get('x')).allowed).toBe(true)
    const secret = evaluatePrincipal(principal, get('secret/k'))
    expect(secret).toMatchObject({ allowed: false, effect: 'explicitDeny', reason: 'evaluated' })
  })

  it('denies everything when the user is in a disabled group, even its own policies', () => {
    const principal = { userPolicies: [readB], groups: [{ name: 'old', enabled: false, policies: [] }] }
    expect(evaluatePrincipal(principal, get('x'))).toMatchObject({ allowed: false, reason: 'disabledGroup' })
  })

  it('denies a user with no policies, Deny-only checks included', () => {
    expect(evaluatePrincipal({ userPolicies: [], denyOnly: true }, { action: 'admin:CreateServiceAccount' })).toMatchObject({ allowed: false, reason: 'noPolicies' })
  })

  it('lets root bypass every policy, but a root access key with a session policy is narrowed', () => {
    expect(evaluatePrincipal({ userPolicies: [], isRoot: true }, get('x'))).toMatchObject({ allowed: true, reason: 'root' })
    const key = { userPolicies: [], isRoot: true, accessKey: { sessionPolicy: readB } }
    expect(evaluatePrincipal(key, get('x')).allowed).toBe(true)
    expect(evaluatePrincipal(key, { action: 's3:PutObject', bucket: 'b', object: 'x' })).toMatchObject({ allowed: false, reason: 'sessionPolicyDenied' })
  })

  it('intersects an access key session policy with the parent', () => {
    const principal = { userPolicies: [writeAll], accessKey: { sessionPolicy: readB } }
    expect(evaluatePrincipal(principal, get('x')).allowed).toBe(true)
    expect(evaluatePrincipal(principal, { action: 's3:PutObject', bucket: 'b', object: 'x' }).allowed).toBe(false)
    expect(evaluatePrincipal({ userPolicies: [readB], accessKey: { sessionPolicy: writeAll } }, { action: 's3:PutObject', bucket: 'b', object: 'x' }).allowed).toBe(false)
  })

  it('inherits the parent when the session policy is "inherit" or empty', () => {
    for (const sessionPolicy of ['inherit', '{}', 'null'] as const) {
      expect(evaluatePrincipal({ userPolicies: [writeAll], accessKey: { sessionPolicy } }, { action: 's3:PutObject', bucket: 'b', object: 'x' }).allowed).toBe(true)
    }
  })

  it('evaluates the session policy without the owner and Deny-only shortcuts', () => {
    const principal = { userPolicies: [writeAll], denyOnly: true, accessKey: { sessionPolicy: readB } }
    expect(evaluatePrincipal(principal, { action: 'admin:CreateServiceAccount' }).allowed).toBe(false)
  })

  it('explains parent and session decisions when asked', () => {
    const decision = evaluatePrincipal({ userPolicies: [writeAll], accessKey: { sessionPolicy: readB } }, get('x'), { explain: true })
    expect(decision.parent?.explanation?.decisive).toHaveLength(1)
    expect(decision.session?.explanation?.decisive[0]?.resources[0]).toMatchObject({ pattern: 'arn:aws:s3:::b/*', matched: true })
  })

  it('reports an undecodable stored policy instead of throwing', () => {
    expect(evaluatePrincipal({ userPolicies: ['{"Statement":{'] }, get('x'))).toMatchObject({ allowed: false, reason: 'invalidPolicy', error: 'unexpected EOF' })
  })
})

describe('deniedBeforePolicies (the rules the evaluator and the Users screen share)', () => {
  const enabled = { name: 'devs', enabled: true }
  it('lets the policies decide for an enabled user in enabled groups with something attached', () => {
    expect(deniedBeforePolicies({ isUserEnabled: true, groups: [enabled], policyCount: 1 })).toBeUndefined()
  })

  it('names every disabled group, whatever is attached', () => {
    const groups = [enabled, { name: 'ops', enabled: false }, { name: 'qa', enabled: false }]
    expect(deniedBeforePolicies({ groups, policyCount: 3 })).toEqual({ reason: 'disabledGroup', groups: ['ops', 'qa'] })
  })

  it('puts a disabled user first, then nothing attached', () => {
    expect(deniedBeforePolicies({ isUserEnabled: false, groups: [{ name: 'ops', enabled: false }], policyCount: 0 })).toEqual({ reason: 'userDisabled' })
    expect(deniedBeforePolicies({ isUserEnabled: true, groups: [], policyCount: 0 })).toEqual({ reason: 'noPolicies' })
  })
})
