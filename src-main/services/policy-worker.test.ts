import { describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHandlers } from '../api/handlers.ts'
import { testerContract } from '../api/tester.contract.ts'
import { startBrowserMode } from '../browser/server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { createAppServices } from './app-services.ts'
import type { DeploymentModel } from '../access/deployment.ts'
import type { PolicyDocument } from '../policy/index.ts'
import { impactPreviewOf, type ImpactPreview } from './impact-preview.ts'
import { PolicyWorkerPool } from './policy-worker.ts'
import type { CredentialStore } from '../vault/credential-store.ts'

const tempDir = useTempDirs()

// A policy whose StringLike patterns cost O(pattern × text) on the backtracking matcher: `?` keeps
// them off the literal search, so the evaluation is long whatever the matcher improvements. The
// defaults stay within the contract's caps (a 20 KiB document, 40 KiB of condition values); the
// pool itself does not check caps, so its budget test can hand it far more work than any budget.
function costlyWorkspace(patterns = 4, values = 10, length = 4096) {
  const pattern = `*${'a'.repeat(length - 100)}?b`
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'], Condition: { StringLike: { 'aws:UserAgent': Array.from({ length: patterns }, (_, index) => `${pattern}${index}`) } } }] }
  // The channel's own parse fills the defaults (transport, semantics); the large parts go in after it.
  const input = testerContract['tester.evaluate'].input.parse({
    documents: [],
    principal: { userName: 'u', userPolicies: ['d1'], groups: [] },
    request: { action: 's3:GetObject', bucket: 'b', object: 'o' },
  })
  return {
    ...input,
    documents: [{ id: 'd1', name: 'costly', text: JSON.stringify(policy) }],
    request: { ...input.request, conditions: { 'aws:UserAgent': Array.from({ length: values }, () => 'a'.repeat(length)) } },
  }
}

describe('the policy worker pool', () => {
  it('answers app.info while an evaluation runs (browser mode, real dispatch)', async () => {
    const credentials = { backend: 'test', storedIds: async () => ({ secrets: new Set(), tokens: new Set() }) } as unknown as CredentialStore
    const services = createAppServices({ dataDir: tempDir('gh-worker-'), credentials })
    const staticDir = tempDir('gh-static-')
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>')
    const server = await startBrowserMode({ handlers: createHandlers(services, { transport: 'browser', version: 't' }), staticDir, log: { warn: () => {}, error: () => {} } })
    const order: string[] = []
    // `order` records when each answer's headers arrive (the server writes answers as it finishes them).
    const call = (channel: string, body: unknown) =>
      fetch(`${server.url}/api/invoke/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then((reply) => (order.push(channel), reply.json() as Promise<{ ok: boolean }>))
    try {
      const evaluationStarted = performance.now()
      const evaluation = call('tester.evaluate', costlyWorkspace()).then(() => performance.now() - evaluationStarted)
      // The evaluation (hundreds of ms) has reached the worker well before this: loopback, one small request.
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = performance.now()
      const info = await call('app.info', {})
      const infoMs = performance.now() - started
      const evaluationMs = await evaluation
      console.log(`app.info answered in ${infoMs.toFixed(1)} ms while an evaluation ran (the evaluation took ${evaluationMs.toFixed(0)} ms)`)
      expect(info.ok).toBe(true)
      expect(order).toEqual(['app.info', 'tester.evaluate'])
      expect(infoMs).toBeLessThan(1_000) // generous: the point is that it does not wait for the evaluation
    } finally {
      await server.close()
      services.close()
    }
  })

  it('stops an evaluation over its budget with an error naming the pattern, and keeps serving', async () => {
    const pool = new PolicyWorkerPool(1, 200)
    try {
      const failure = await pool.run({ kind: 'evaluate', input: costlyWorkspace(40, 100, 4096) }).then(() => undefined, (error: unknown) => error as Error & { code?: string })
      expect(failure?.code).toBe('INVALID_INPUT')
      expect(failure?.message).toMatch(/^The evaluation took over 0.2 s and was stopped\. The costliest pattern is "\*aaaa.*…" \(\d{4} characters\)\. Shorten the pattern/)
      const answer = await pool.run<{ allowed: boolean }>({ kind: 'evaluate', input: costlyWorkspace(1, 1, 200) })
      expect(answer.allowed).toBe(false)
    } finally {
      await pool.close()
    }
  })
  it('runs the impact preview in the worker with its own budget, answering as on the main thread', async () => {
    const model = bigModel(3_000)
    const widened = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::b1/*', 'arn:aws:s3:::b2'] }] } as PolicyDocument
    const change = { kind: 'putPolicy' as const, name: 'shared', document: widened }
    const now = Date.parse('2026-12-01T00:00:00Z')
    // A budget far below what 3,000 users take: refused with what to do, not left running on main.
    const tight = new PolicyWorkerPool(1, 5_000, 50)
    try {
      const failure = await tight.run({ kind: 'impact', input: { model, change, now } }).then(() => undefined, (error: unknown) => error as Error & { code?: string })
      expect(failure?.code).toBe('INVALID_INPUT')
      expect(failure?.message).toMatch(/^The impact preview took over 0.05 s and was stopped: the change reaches too many principals \(3000 users on the connection\)/)
    } finally {
      await tight.close()
    }
    const small = bigModel(20)
    const pool = new PolicyWorkerPool(1)
    try {
      const answer = await pool.run<ImpactPreview>({ kind: 'impact', input: { model: small, change, now } })
      expect(answer).toEqual(impactPreviewOf(small, change, now))
      expect(answer.totals.gained).toBeGreaterThan(0)
    } finally {
      await pool.close()
    }
  })
})

/** `users` users, each with the policy `shared` (read of bucket b1), and two buckets. */
function bigModel(users: number): DeploymentModel {
  const shared = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b1/*'] }] } as PolicyDocument
  return {
    source: 'test',
    users: new Map(Array.from({ length: users }, (_, index) => [`user-${index}`, { name: `user-${index}`, enabled: true, policies: ['shared'], groups: [] }])),
    groups: new Map(),
    policies: new Map([['shared', shared]]),
    accessKeys: new Map(),
    buckets: ['b1', 'b2'],
  }
}
