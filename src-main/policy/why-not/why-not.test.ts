import { describe, expect, it } from 'vitest'
import { evaluatePrincipal } from '../principal.ts'
import { whyNot } from './why-not.ts'
import type { WhyNotQuestion, WhyNotSuggestion } from './types.ts'
import type { PolicyDocument } from '../types.ts'

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const readLogs = doc({ Sid: 'ReadLogs', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/app/*'] })
const officeOnly = doc({ Sid: 'OfficeOnly', Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } })

function question(documents: Record<string, string>, request: WhyNotQuestion['request']): WhyNotQuestion {
  return { documents: Object.entries(documents).map(([id, text]) => ({ id, name: id, text })), principal: { userPolicies: Object.keys(documents), groups: [] }, request }
}

/** Re-checks a suggestion from its output alone: the changed documents and request value, evaluated afresh. */
function allowsAfter(asked: WhyNotQuestion, suggestion: WhyNotSuggestion): boolean {
  const texts = new Map(asked.documents.map((document) => [document.id, document.text]))
  for (const change of suggestion.changes) texts.set(change.documentId, change.after)
  const detached = new Set((suggestion.detach ?? []).map((item) => item.documentId))
  const ids = [...asked.principal.userPolicies, ...suggestion.changes.filter((change) => change.isNew).map((change) => change.documentId)].filter((id) => !detached.has(id))
  const values = { ...asked.request.conditionValues }
  if (suggestion.requestChange) values[suggestion.requestChange.key.replace(/^[a-z0-9]+:/, '')] = suggestion.requestChange.values
  return evaluatePrincipal({ userPolicies: ids.map((id) => texts.get(id) as string) }, { ...asked.request, conditionValues: values }).allowed
}

describe('whyNot', () => {
  it('answers nothing for an allowed question', () => {
    expect(whyNot(question({ readLogs }, { action: 's3:GetObject', bucket: 'logs', object: 'app/a.log' }))).toEqual({ allowed: true, suggestions: [] })
  })

  it('a missing action: add it to the statement, or (narrower) a statement for this object only', () => {
    const asked = question({ readLogs }, { action: 's3:PutObject', bucket: 'logs', object: 'app/a.log' })
    const result = whyNot(asked)
    expect(result.suggestions[0]).toMatchObject({ kinds: ['newStatement'], breadth: { level: 'narrowest' } })
    const added = result.suggestions.find((item) => item.kinds.join() === 'addAction')!
    expect(added.title).toContain('Add s3:PutObject to statement 1 (ReadLogs) of "readLogs"')
    expect(JSON.parse(added.changes[0]!.after).Statement[0].Action).toEqual(['s3:GetObject', 's3:PutObject'])
    expect(added.breadth).toMatchObject({ level: 'narrow', examples: ['s3:PutObject on logs/app/gatehouse-sibling'] })
    for (const suggestion of result.suggestions) expect(allowsAfter(asked, suggestion), suggestion.title).toBe(true)
    const breadths = result.suggestions.filter((item) => !item.requestChange).map((item) => item.breadth.newlyAllowed)
    expect(breadths).toEqual([...breadths].sort((a, b) => a - b))
  })

  it('a resource outside the pattern: add the exact resource, or widen the pattern', () => {
    const asked = question({ readLogs }, { action: 's3:GetObject', bucket: 'logs', object: 'web/a.log' })
    const result = whyNot(asked)
    expect(result.suggestions[0]).toMatchObject({ kinds: ['addResource'], breadth: { level: 'narrowest', newlyAllowed: 0 } })
    const widened = result.suggestions.find((item) => item.kinds.includes('widenResource'))
    expect(widened?.title).toContain('Widen arn:aws:s3:::logs/app/* to arn:aws:s3:::logs/*')
    expect(widened!.breadth.newlyAllowed).toBeGreaterThan(0)
    for (const suggestion of result.suggestions) expect(allowsAfter(asked, suggestion)).toBe(true)
  })

  it('a blocking Deny: the request would need aws:SourceIp in 10.0.0.0/8, or the Deny narrowed', () => {
    const asked = question({ readLogs, officeOnly }, { action: 's3:GetObject', bucket: 'logs', object: 'app/a.log', conditionValues: { SourceIp: ['203.0.113.9'] } })
    const result = whyNot(asked)
    const request = result.suggestions.find((item) => item.requestChange)
    expect(request?.requestChange).toEqual({ key: 'aws:SourceIp', values: ['10.0.0.1'] })
    expect(request?.title).toContain('would need to be in 10.0.0.0/8')
    const narrowed = result.suggestions.find((item) => item.kinds.includes('narrowDeny'))
    expect(narrowed?.title).toContain('statement 1 (OfficeOnly) of "officeOnly"')
    expect(JSON.parse(narrowed!.changes[0]!.after).Statement[0].Condition.NotIpAddress['aws:SourceIp']).toContain('203.0.113.9/32')
    for (const suggestion of result.suggestions) expect(allowsAfter(asked, suggestion)).toBe(true)
  })

  it('nothing grants it: a new minimal Allow statement, or a new policy when none is attached', () => {
    const asked = question({ readLogs }, { action: 'admin:ServerInfo' })
    const added = whyNot(asked).suggestions.find((item) => item.kinds.includes('newStatement'))
    expect(JSON.parse(added!.changes[0]!.after).Statement[1]).toEqual({ Sid: 'GatehouseAllow', Effect: 'Allow', Action: ['admin:ServerInfo'] })
    const none = whyNot(question({}, { action: 's3:GetObject', bucket: 'b', object: 'k' }))
    expect(none.suggestions[0]).toMatchObject({ kinds: ['newStatement'], changes: [{ isNew: true }] })
    expect(JSON.parse(none.suggestions[0]!.changes[0]!.after).Statement[0].Resource).toEqual(['arn:aws:s3:::b/k'])
  })

  it('chains the fixes of one statement: action, then resource, then a condition value', () => {
    const scoped = doc({ Sid: 'Scoped', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'], Condition: { StringEquals: { 'aws:UserAgent': ['backup-tool'] } } })
    const asked = question({ scoped }, { action: 's3:PutObject', bucket: 'data', object: 'x', conditionValues: { UserAgent: ['curl'] } })
    const chained = whyNot(asked, { limit: 50 }).suggestions.find((item) => item.kinds.join() === 'addAction,addResource,conditionValue')
    const statement = JSON.parse(chained!.changes[0]!.after).Statement[0] as PolicyDocument
    expect(statement).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::logs/*', 'arn:aws:s3:::data/x'], Condition: { StringEquals: { 'aws:UserAgent': ['backup-tool', 'curl'] } } })
  })

  it('a session policy that denies is fixed in the session policy; a disabled group gets a note', () => {
    const session = doc({ Sid: 'OnlyRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] })
    const parent = doc({ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::logs/*'] })
    const asked: WhyNotQuestion = { documents: [{ id: 'p', name: 'p', text: parent }, { id: 's', name: 's', text: session }], principal: { userPolicies: ['p'], groups: [], sessionPolicy: 's' }, request: { action: 's3:PutObject', bucket: 'logs', object: 'a' } }
    expect(whyNot(asked).suggestions[0]?.changes.map((change) => change.documentId)).toEqual(['s'])
    const frozen: WhyNotQuestion = { ...asked, principal: { userPolicies: ['p'], groups: [{ name: 'frozen', enabled: false, policies: [] }] } }
    expect(whyNot(frozen)).toMatchObject({ allowed: false, suggestions: [], note: expect.stringContaining('Enable the group') })
  })
})

describe('whyNot and a Deny that is its document\'s only statement', () => {
  it('narrows a wildcard Action to the actions it covers except the one asked', () => {
    const denyLists = doc({ Sid: 'NoListing', Effect: 'Deny', Action: ['s3:ListBucket*'], Resource: ['arn:aws:s3:::*'] })
    const listAll = doc({ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] })
    const asked = question({ listAll, denyLists }, { action: 's3:ListBucketVersions', bucket: 'logs' })
    const narrowed = whyNot(asked).suggestions.find((item) => item.title.includes('list the actions its patterns cover'))
    expect(JSON.parse(narrowed!.changes[0]!.after).Statement[0].Action).toEqual(['s3:ListBucket', 's3:ListBucketMultipartUploads'])
    expect(allowsAfter(asked, narrowed!)).toBe(true)
  })
})

describe('whyNot: requests a plain statement cannot name, and requests MinIO never checks', () => {
  it('ListAllMyBuckets names no bucket: the new statement allows it on arn:aws:s3:::* (an empty resource is refused)', () => {
    const asked = question({ readLogs }, { action: 's3:ListAllMyBuckets', bucket: '', object: '' })
    const result = whyNot(asked)
    const added = result.suggestions.find((item) => item.kinds.join() === 'newStatement')!
    expect(added.title).toBe('Add a new statement to "readLogs": Allow s3:ListAllMyBuckets on arn:aws:s3:::*')
    expect(JSON.parse(added.changes[0]!.after).Statement[1]).toMatchObject({ Action: ['s3:ListAllMyBuckets'], Resource: ['arn:aws:s3:::*'] })
    for (const suggestion of result.suggestions) expect(allowsAfter(asked, suggestion), suggestion.title).toBe(true)
  })

  it('an admin action no policy can name (admin:ForceUnlock) is granted by admin:* only: that is the suggestion, measured broad', () => {
    const asked = question({ readLogs }, { action: 'admin:ForceUnlock', bucket: '', object: '' })
    const result = whyNot(asked)
    expect(result.suggestions.length).toBeGreaterThan(0)
    const added = result.suggestions.find((item) => item.kinds.join() === 'newStatement')!
    expect(added.title).toBe('Add a new statement to "readLogs": Allow admin:*')
    expect(added.breadth.level).toBe('broad')
    for (const suggestion of result.suggestions) expect(allowsAfter(asked, suggestion), suggestion.title).toBe(true)
  })

  it('says why nothing can allow an S3 request without a bucket, or an action name no request carries', () => {
    expect(whyNot(question({ readLogs }, { action: 's3:GetObject', bucket: '', object: 'a.log' }))).toEqual({
      allowed: false, suggestions: [],
      note: "No change can allow this: every S3 request except s3:ListAllMyBuckets names a bucket, so MinIO never checks s3:GetObject without one. Give the request's bucket and object.",
    })
    const miscased = whyNot(question({ readLogs }, { action: 's3:getobject', bucket: 'logs', object: 'app/a.log' }))
    expect(miscased).toMatchObject({ allowed: false, suggestions: [] })
    expect(miscased.note).toBe('No change can allow this: MinIO never checks the action "s3:getobject" (action names are exact and case-sensitive, so no request carries it). Did you mean s3:GetObject?')
    expect(whyNot(question({ readLogs }, { action: 's3:FlyToTheMoon', bucket: 'logs', object: '' })).note).toContain('Check the action against the catalogue.')
  })
  it('a blocking Deny that is its policy\'s only statement: detach that policy (the statement cannot go, MinIO refuses an empty policy)', () => {
    const denyAll = doc({ Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] })
    const asked = question({ readLogs, denyAll }, { action: 's3:GetObject', bucket: 'logs', object: 'app/a.log' })
    const result = whyNot(asked)
    const detach = result.suggestions.find((item) => item.kinds.join() === 'detachPolicy')!
    expect(detach).toMatchObject({ title: 'Detach "denyAll" (its only statement is this Deny) from the user', changes: [], detach: [{ documentId: 'denyAll', documentName: 'denyAll', from: 'the user' }] })
    expect(result.suggestions.some((item) => item.kinds.includes('removeDeny'))).toBe(false)
    for (const suggestion of result.suggestions) expect(allowsAfter(asked, suggestion), suggestion.title).toBe(true)
  })
})
