import { z } from 'zod'
import { testerContract } from '../../api/tester.contract.ts'
import { evaluateWorkspace } from '../../services/tester.service.ts'

/**
 * `gatehouse policy eval`'s friendly mode: a case whose request names an S3 `operation`
 * (GetObject, ListBuckets, …) is answered as the server's handler checks it — the same code as the
 * app's tester: the server's condition map, every check, the ListBuckets filtering rule.
 *
 *   {"id":"1","policies":[…],"request":{"operation":"ListObjectsV2","bucket":"logs","prefix":"app/","user":"alice","secureTransport":false}}
 */
const friendlyRequest = z.object({
  operation: z.string(),
  bucket: z.string().default(''),
  key: z.string().default(''),
  versionId: z.string().optional(),
  storedTags: z.record(z.string(), z.string()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  source: z.object({ bucket: z.string(), key: z.string(), versionId: z.string().optional() }).optional(),
  prefix: z.string().optional(),
  delimiter: z.string().optional(),
  maxKeys: z.string().optional(),
  buckets: z.array(z.string()).optional(),
  /** The principal: its user name (aws:username), group names, an access key (inherits). */
  user: z.string().default(''),
  groups: z.array(z.string()).default([]),
  accessKey: z.boolean().default(false),
  secureTransport: z.boolean().default(true),
  sourceIp: z.string().default('127.0.0.1'),
  authType: z.string().default('signed-v4'),
  headers: z.record(z.string(), z.array(z.string())).default({}),
  /** Overrides of the server's map, full key names. */
  conditions: z.record(z.string(), z.array(z.string())).default({}),
  now: z.string().optional(),
  semantics: z.string().optional(),
}).strict()

export function isOperationCase(value: unknown): boolean {
  const request = (value as { request?: unknown } | null)?.request
  return typeof request === 'object' && request !== null && 'operation' in request
}

/** Answers one friendly case, or returns the message saying what is wrong with it. */
export function evaluateOperationCase(value: unknown, explain: boolean): { line: Record<string, unknown> } | { problem: string } {
  const shape = z.object({ id: z.union([z.string(), z.number()]).transform(String), policies: z.array(z.unknown()), request: friendlyRequest }).safeParse(value)
  if (!shape.success) return { problem: shape.error.issues.map((issue) => `${issue.path.join('.') || '(case)'}: ${issue.message}`).join('; ') }
  const { id, policies, request } = shape.data
  const { operation, bucket, key, user, groups, accessKey, secureTransport, sourceIp, authType, headers, conditions, now, semantics, ...fields } = request
  const documents = policies.map((policy, index) => ({ id: `p${index}`, name: `policy ${index + 1}`, text: typeof policy === 'string' ? policy : JSON.stringify(policy) }))
  const input = testerContract['tester.evaluate'].input.safeParse({
    documents,
    principal: { userName: user, userPolicies: documents.map((document) => document.id), groups: groups.map((name) => ({ name, enabled: true, policies: [] })), ...(accessKey ? { accessKey: { sessionPolicy: null } } : {}) },
    request: { action: operation, bucket, object: key, conditions, operation: { kind: operation, ...fields }, transport: { secureTransport, sourceIp, authType, headers, query: {} }, ...(now ? { now } : {}), semantics: semantics ? { id: semantics } : {} },
  })
  if (!input.success) return { problem: input.error.issues.map((issue) => `request.${issue.path.slice(1).join('.')}: ${issue.message}`).join('; ') }
  const answer = evaluateWorkspace(input.data)
  const checks = (answer.operation?.checks ?? []).map(({ action, bucket: checkBucket, object, denyOnly, allowed }) => ({ action, bucket: checkBucket, object, ...(denyOnly ? { denyOnly } : {}), allowed }))
  return {
    line: {
      id, allowed: answer.allowed, checks,
      ...(answer.operation?.listedBuckets ? { listedBuckets: answer.operation.listedBuckets } : {}),
      ...(answer.error ? { error: answer.error } : {}),
      semantics: answer.semantics.label,
      ...(explain ? { summary: answer.summary, conditionValues: answer.conditionValues } : {}),
    },
  }
}
