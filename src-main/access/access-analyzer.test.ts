import { describe, expect, it } from 'vitest'
import { evaluatePrincipal } from '../policy/index.ts'
import { AccessAnalyzer, levelOf } from './access-analyzer.ts'
import { parseResource, requestFor } from './access-request.ts'
import { testSnapshot } from '../testbed/worlds/access-world.ts'
import { deploymentFromSnapshot } from './deployment.ts'
import { allPrincipals } from './principals.ts'
import { conditionValuesFor } from './request-context.ts'

const NOW = new Date('2026-12-01T12:00:00Z')
const model = deploymentFromSnapshot(testSnapshot(), 'test world')
const request = (action: string, resource: string) => requestFor(action, parseResource(resource))
const names = (entries: Array<{ kind: string; name: string }>) => entries.map((entry) => `${entry.kind}:${entry.name}`)

describe('who-can', () => {
  const analyzer = new AccessAnalyzer(model, NOW)

  it('lists users, access keys and groups the evaluator allows, with the deciding statements', () => {
    const entries = analyzer.whoCan(request('s3:GetObject', 'logs/app.log'))
    expect(names(entries)).toEqual(['user:alice', 'user:bob', 'accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW', 'group:readers'])
    const alice = entries.find((entry) => entry.name === 'alice')
    expect(alice).toMatchObject({ isConditional: false, decidedBy: [{ policy: 'read-logs', statement: 1, effect: 'Allow' }] })
    const narrow = entries.find((entry) => entry.name === 'AKBOBNARROW')
    expect(narrow?.decidedBy.map((statement) => statement.policy)).toContain('(session policy)')
  })

  it('leaves out disabled users, their keys, disabled and expired keys, members of disabled groups, and Deny matches', () => {
    const entries = names(analyzer.whoCan(request('s3:PutObject', 'logs/app.log')))
    expect(entries).toEqual(['user:bob', 'accessKey:AKBOBFULL'])
    expect(names(analyzer.whoCan(request('s3:GetObject', 'logs/secret/key')))).toEqual([])
    expect(analyzer.cell({ kind: 'accessKey', name: 'AKBOBOLD' }, request('s3:GetObject', 'logs/x')).reason).toBe('expiredAccessKey')
    expect(analyzer.cell({ kind: 'accessKey', name: 'AKCAROL' }, request('s3:GetObject', 'logs/x')).reason).toBe('disabledParent')
    expect(analyzer.cell({ kind: 'user', name: 'dave' }, request('s3:GetObject', 'logs/x')).reason).toBe('disabledGroup')
  })

  it('marks answers that depend on the request as conditional, naming the keys, and settles them when the value is supplied', () => {
    const office = request('s3:GetObject', 'data/report.csv')
    const erin = analyzer.whoCan(office).find((entry) => entry.name === 'erin')
    expect(erin).toMatchObject({ isConditional: true, conditionKeys: ['aws:SourceIp'], effect: 'implicitDeny' })
    expect(analyzer.cell({ kind: 'user', name: 'erin' }, office, { 'aws:SourceIp': ['10.1.2.3'] })).toMatchObject({ isConditional: false, effect: 'allow' })
    expect(analyzer.cell({ kind: 'user', name: 'erin' }, office, { 'aws:SourceIp': ['192.168.1.1'] })).toMatchObject({ isConditional: false, isPossible: false })
    // A conditional Deny: allowed over TLS, denied over plain http.
    const put = analyzer.cell({ kind: 'user', name: 'gina' }, request('s3:PutObject', 'data/x'))
    expect(put).toMatchObject({ isConditional: true, isPossible: true, conditionKeys: ['aws:SecureTransport'] })
    expect(analyzer.cell({ kind: 'user', name: 'gina' }, request('s3:PutObject', 'data/x'), { 'aws:SecureTransport': ['false'] })).toMatchObject({ effect: 'explicitDeny', isConditional: false })
  })

  it('fills the identity: ${aws:username} homes and aws:username conditions are settled for each user', () => {
    expect(analyzer.cell({ kind: 'user', name: 'frank' }, request('s3:PutObject', 'home/frank/a'))).toMatchObject({ effect: 'allow', isConditional: false })
    expect(analyzer.cell({ kind: 'user', name: 'frank' }, request('s3:PutObject', 'home/alice/a')).isPossible).toBe(false)
    // user-cond allows only henry; ivan holds the same policy; bob reaches shared/ through write-all.
    const shared = analyzer.whoCan(request('s3:GetObject', 'shared/x'))
    expect(names(shared)).toEqual(['user:bob', 'user:henry', 'accessKey:AKBOBFULL'])
    expect(shared.every((entry) => !entry.isConditional)).toBe(true)
  })
})

describe('cross-check: every cell agrees with the evaluator, one principal at a time', () => {
  const analyzer = new AccessAnalyzer(model, NOW)
  const actions = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 'admin:CreateUser', 's3:ListAllMyBuckets']
  const resources = ['logs/app.log', 'logs/secret/k', 'data/x', 'home/frank/a', 'home/bob/a', 'shared/x', 'other/y', 'logs']
  const contexts: Array<Record<string, string[]>> = [{}, { 'aws:SourceIp': ['10.0.0.1'], 'aws:SecureTransport': ['true'] }, { 'aws:SourceIp': ['8.8.8.8'], 'aws:SecureTransport': ['false'] }]

  it('is never conditional where every context gives the same answer, and equals the evaluator there', () => {
    let checked = 0
    for (const ref of allPrincipals(model)) {
      const principal = analyzer.principal(ref)
      for (const action of actions) {
        for (const resource of resources) {
          const asked = request(action, resource)
          const cell = analyzer.cell(ref, asked)
          const answers = contexts.map((supplied) => {
            if (principal.blocked) return false
            const values = conditionValuesFor(principal.identity, { ...asked.implied, ...supplied })
            return evaluatePrincipal(principal.input, { action, bucket: asked.bucket, object: asked.object, conditionValues: values }).allowed
          })
          expect(analyzer.level(ref, asked)).toBe(levelOf(cell))
          if (!cell.isConditional) expect({ ref, action, resource, answers }).toEqual({ ref, action, resource, answers: answers.map(() => cell.isPossible) })
          else expect(new Set(answers).size, `${ref.name} ${action} ${resource}: conditional, so the contexts must disagree`).toBe(2)
          checked++
        }
      }
    }
    expect(checked).toBe(allPrincipals(model).length * actions.length * resources.length)
  })
})
