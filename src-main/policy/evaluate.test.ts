import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compilePolicies, evaluate } from './evaluate.ts'
import { evaluateCase } from './case.ts'
import type { PolicyCase } from './types.ts'

const V = '2012-10-17'
const policies = [
  { Version: V, Statement: [{ Sid: 'read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }] },
  { Version: V, Statement: [{ Sid: 'lock', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] },
]
const set = compilePolicies(policies)

describe('evaluate with explanation', () => {
  it('names the decisive Allow, the substituted pattern and each condition it saw', () => {
    const decision = evaluate(set, { action: 's3:GetObject', bucket: 'home', object: 'alice/x', conditionValues: { username: ['alice'], SourceIp: ['10.1.1.1'] } }, { explain: true })
    expect(decision).toMatchObject({ effect: 'allow', allowed: true })
    const [allow] = decision.explanation!.decisive
    expect(allow).toMatchObject({ sid: 'read', policyIndex: 0, actionMatched: true, resourceMatched: true, applies: true })
    expect(allow!.resources[0]).toEqual({ pattern: 'arn:aws:s3:::home/${aws:username}/*', substituted: 'home/alice/*', matched: true, via: 'wildcard' })
    const deny = decision.explanation!.statements.find((trace) => trace.sid === 'lock')!
    expect(deny).toMatchObject({ applies: false, conditionsMatched: false })
    expect(deny.conditions[0]).toMatchObject({ operator: 'NotIpAddress', key: 'aws:SourceIp', requestValues: ['10.1.1.1'], matched: false })
  })

  it('names the decisive Deny', () => {
    const decision = evaluate(set, { action: 's3:GetObject', bucket: 'home', object: 'alice/x', conditionValues: { username: ['alice'] } }, { explain: true })
    expect(decision.effect).toBe('explicitDeny')
    expect(decision.explanation!.decisive.map((trace) => trace.sid)).toEqual(['lock'])
    expect(decision.explanation!.summary).toContain('Deny')
  })

  it('explains an implicit deny with the reason per statement', () => {
    const decision = evaluate(set, { action: 's3:GetObject', bucket: 'home', object: 'bob/x', conditionValues: { username: ['alice'], SourceIp: ['10.0.0.1'] } }, { explain: true })
    expect(decision.effect).toBe('implicitDeny')
    expect(decision.explanation!.decisive).toEqual([])
    const read = decision.explanation!.statements.find((trace) => trace.sid === 'read')!
    expect(read).toMatchObject({ actionMatched: true, resourceMatched: false, resourceDetail: 'no Resource pattern matches the request resource' })
  })

  it('never changes the decision: every vector gives the same answer with and without explanation', () => {
    const folder = new URL('./vectors/', import.meta.url)
    let compared = 0
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      for (const vector of JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as PolicyCase[]) {
        const plain = evaluateCase(vector)
        if ('error' in plain) continue
        const explained = evaluateCase(vector, { explain: true })
        expect('allowed' in explained && explained.allowed, vector.id).toBe(plain.allowed)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(200)
  })

  it('says when an action matched through a pattern or the GetObjectVersion implication', () => {
    const versions = compilePolicies([{ Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObjectVersion', 's3:List*'], Resource: '*' }] }])
    const get = evaluate(versions, { action: 's3:GetObject', bucket: 'b', object: 'x' }, { explain: true })
    expect(get.explanation!.decisive[0]!.actionDetail).toBe('Action covers s3:GetObject (s3:GetObjectVersion implies it)')
    const list = evaluate(versions, { action: 's3:ListBucket', bucket: 'b' }, { explain: true })
    expect(list.explanation!.decisive[0]!.actionDetail).toBe('Action covers s3:ListBucket (pattern s3:List*)')
  })

  it('caches per action without changing answers', () => {
    const request = { action: 's3:GetObject', bucket: 'home', object: 'alice/x', conditionValues: { username: ['alice'], SourceIp: ['10.0.0.1'] } }
    expect(evaluate(set, request).allowed).toBe(true)
    expect(evaluate(set, { ...request, action: 's3:PutObject' }).allowed).toBe(false)
    expect(evaluate(set, request).allowed).toBe(true)
  })
})
