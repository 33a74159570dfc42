import { describe, expect, it } from 'vitest'
import type { AppServices } from '../services/app-services.ts'
import { dispatch, type Handlers } from './dispatch.ts'
import { policiesHandlers } from './policies.ipc.ts'

// policies.validate needs no service: no connection, no keychain, no audit database.
const handlers = policiesHandlers({} as AppServices) as unknown as Handlers
const log = { warn: () => {}, error: () => {} }
const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, log)

describe('policies.validate over dispatch (the editors and the tester)', () => {
  it('keeps lint separate from MinIO validation and never fails on broken text', async () => {
    const broken = await call('policies.validate', { text: '{"Version": "2012-10-17", "Statement": [' })
    expect(broken.ok).toBe(true)
    const lint = await call('policies.validate', { text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) })
    const issues = lint.ok ? (lint.value as { issues: Array<{ source: string; ruleId?: string }> }).issues : []
    expect(issues.filter((issue) => issue.source === 'lint' && issue.ruleId).length).toBeGreaterThan(0)
  })
})

describe('policies.templates and policies.renderTemplate over dispatch', () => {
  it('lists the templates and renders one for a bucket and prefix; bad input is INVALID_INPUT', async () => {
    const list = await call('policies.templates', {})
    expect(list.ok && (list.value as Array<{ id: string }>).map((template) => template.id)).toContain('builtin:consoleAdmin')
    const rendered = await call('policies.renderTemplate', { template: 'read-only', bucket: 'reports', prefix: '2026/' })
    expect(rendered).toMatchObject({ ok: true, value: { name: 'reports-2026-read-only', issues: [], text: expect.stringContaining('"arn:aws:s3:::reports/2026/*"') } })
    const refused = await call('policies.renderTemplate', { template: 'minimal', bucket: '' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Enter the bucket the policy is for.' } })
  })
})
