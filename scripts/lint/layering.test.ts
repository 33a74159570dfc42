import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The real config, linting deliberate crossings of each boundary at paths where they would sit.
const ROOT = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: ROOT })

type Finding = { ruleId: string | null; message: string; description: string | undefined }

async function lint(filePath: string, code: string): Promise<Finding[]> {
  const results = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) })
  const meta = eslint.getRulesMetaForResults(results)
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      ruleId: message.ruleId,
      message: message.message,
      description: message.ruleId ? meta[message.ruleId]?.docs?.description : undefined,
    })),
  )
}

const crossings = [
  { boundary: 'adapters-call-services', file: 'src-main/api/widgets.ipc.ts', code: "import { AdminClient } from '../minio/index.ts'\nexport const client = AdminClient\n" },
  { boundary: 'adapters-call-services', file: 'src-main/api/widgets.ipc.ts', code: "import type { BulkReport } from '../bulk/bulk-runner.ts'\nexport type Report = BulkReport\n" },
  { boundary: 'adapters-call-services', file: 'src-main/api/widgets.ipc.ts', code: "import { planFingerprint } from '../snapshot/plan-fingerprint.ts'\nexport const plan = planFingerprint\n" },
  { boundary: 'adapters-call-services', file: 'src-main/api/widgets.ipc.ts', code: "import { diffPolicyVersions } from '../audit/index.ts'\nexport const diff = diffPolicyVersions\n" },
  { boundary: 'policy-is-pure', file: 'src-main/policy/widget.ts', code: "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n" },
  { boundary: 'policy-is-pure', file: 'src-main/policy/json/widget.ts', code: "import { AppFailure } from '../../api/result.ts'\nexport const failure = AppFailure\n" },
  { boundary: 'contract-is-leaf', file: 'src-main/api/widgets.contract.ts', code: "import type { IamService } from '../services/iam.service.ts'\nexport type Service = IamService\n" },
  { boundary: 'contract-is-leaf', file: 'src-main/api/fields.ts', code: "import { S3_OPERATIONS } from '../policy/server-request/s3-operations.ts'\nexport const operations = S3_OPERATIONS\n" },
  { boundary: 'preload-channels-only', file: 'src-main/preload.ts', code: "import { z } from 'zod'\nexport const schema = z.string()\n" },
  { boundary: 'preload-channels-only', file: 'src-main/preload.ts', code: "import { usersContract } from './api/users.contract.ts'\nexport const contract = usersContract\n" },
  { boundary: 'renderer-types-only', file: 'src-renderer/lib/widget.ts', code: "import { ERROR_CODES } from '../../src-main/api/result.ts'\nexport const codes = ERROR_CODES\n" },
  { boundary: 'renderer-types-only', file: 'src-renderer/features/users/Widget.svelte', code: "<script lang=\"ts\">\n  import { usersContract } from '../../../src-main/api/users.contract.ts'\n  console.log(usersContract)\n</script>\n" },
  { boundary: 'renderer-types-only', file: 'src-renderer/lib/widget.ts', code: "import type { IamService } from '../../src-main/services/iam.service.ts'\nexport type Service = IamService\n" },
  { boundary: 'renderer-types-only', file: 'src-renderer/lib/widget.ts', code: "import { join } from 'node:path'\nexport const joined = join('a', 'b')\n" },
  { boundary: 'testbed-in-tests-only', file: 'src-main/services/widget.service.ts', code: "import { startMinio } from '../testbed/minio-server.ts'\nexport const start = startMinio\n" },
  { boundary: 'testbed-in-tests-only', file: 'src-main/index.ts', code: "import { startMinio } from './testbed/minio-server.ts'\nexport const start = startMinio\n" },
  { boundary: 'below-the-contract', file: 'src-main/services/widget.service.ts', code: "import { usersContract } from '../api/users.contract.ts'\nexport const contract = usersContract\n" },
  { boundary: 'below-the-contract', file: 'src-main/bulk/widget.ts', code: "import { createHandlers } from '../api/handlers.ts'\nexport const handlers = createHandlers\n" },
  { boundary: 'below-the-contract', file: 'src-main/snapshot/widget.ts', code: "import { startBrowserMode } from '../browser/main.ts'\nexport const start = startBrowserMode\n" },
  { boundary: 'cli-beside-the-adapters', file: 'src-main/cli/widget.command.ts', code: "import { dispatch } from '../api/dispatch.ts'\nexport const run = dispatch\n" },
  { boundary: 'electron-in-shell-only', file: 'src-main/services/widget.service.ts', code: "import { app } from 'electron'\nexport const electronApp = app\n" },
  { boundary: 'main-not-renderer', file: 'src-main/app/widget.ts', code: "import { invoke } from '../../src-renderer/lib/transport.ts'\nexport const call = invoke\n" },
]

describe('the layering rules of eslint.config.js', () => {
  it.each(crossings)('$file crossing $boundary is reported with its message', async ({ boundary, file, code }) => {
    const findings = (await lint(file, code)).filter((finding) => finding.ruleId === `layering/${boundary}`)
    expect(findings).toHaveLength(1)
    expect(findings[0]?.description).toBeTruthy()
    expect(findings[0]?.message).toContain(findings[0]?.description)
  })

  it('reports an adapter that opens its own admin client, as the audit-path test did', async () => {
    const code = "import type { AppServices } from '../services/app-services.ts'\nexport async function list(services: AppServices, id: string) {\n  return (await services.adminClient(id)).listUsers()\n}\n"
    const findings = await lint('src-main/api/widgets.ipc.ts', code)
    expect(findings.map((finding) => [finding.ruleId, finding.message])).toEqual([
      ['no-restricted-syntax', 'Adapters never open an admin client: every read and change goes through the IAM service.'],
    ])
  })

  it.each([
    { file: 'src-main/api/widgets.ipc.ts', code: "import type { AppServices } from '../services/app-services.ts'\nimport { AppFailure } from './result.ts'\nimport { usersContract } from './users.contract.ts'\nimport { auditTrail } from '../audit/audit.service.ts'\nexport const parts = [usersContract, AppFailure, auditTrail]\nexport type Services = AppServices\n" },
    { file: 'src-main/api/widgets.contract.ts', code: "import { z } from 'zod'\nimport { connectionId } from './fields.ts'\nexport const input = z.object({ connectionId })\n" },
    { file: 'src-main/services/widget.service.ts', code: "import { readFileSync } from 'node:fs'\nimport { AppFailure } from '../api/result.ts'\nimport { validatePolicy } from '../policy/index.ts'\nimport { AdminClient } from '../minio/index.ts'\nexport const parts = [readFileSync, AppFailure, validatePolicy, AdminClient]\n" },
    { file: 'src-main/preload.ts', code: "import { contextBridge } from 'electron'\nimport { CHANNEL_NAMES } from './api/channels.ts'\ncontextBridge.exposeInMainWorld('channels', CHANNEL_NAMES)\n" },
    { file: 'src-main/policy/widget.ts', code: "import { parsePolicy } from './parse.ts'\nimport type { PolicyDocument } from './types.ts'\nexport const parse: (text: string) => unknown = parsePolicy\nexport type Document = PolicyDocument\n" },
    { file: 'src-main/cli/widget.command.ts', code: "import { testerContract } from '../api/tester.contract.ts'\nimport { AppFailure } from '../api/result.ts'\nexport const parts = [testerContract, AppFailure]\n" },
    { file: 'src-renderer/lib/widget.ts', code: "import type { Result } from '../../src-main/api/result.ts'\nimport type { Channel } from '../../src-main/api/contract.ts'\nexport type Answer = Result<Channel>\n" },
    { file: 'src-main/services/widget.int.test.ts', code: "import { startMinio } from '../testbed/minio-server.ts'\nimport { createHandlers } from '../api/handlers.ts'\nexport const parts = [startMinio, createHandlers]\n" },
    { file: 'e2e/widget.spec.ts', code: "import { startMinio } from '../src-main/testbed/minio-server.ts'\nexport const start = startMinio\n" },
  ])('passes $file when it stays inside its boundaries', async ({ file, code }) => {
    expect(await lint(file, code)).toEqual([])
  })
})

describe('the adapters as they stand', () => {
  it('open no admin client and cross no boundary (what api/iam-audit-path.test.ts checked by regex)', async () => {
    const results = await eslint.lintFiles(['src-main/api/*.ipc.ts'])
    expect(results.map((result) => result.filePath)).toContain(resolve(ROOT, 'src-main/api/snapshots.ipc.ts'))
    const crossings = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId?.startsWith('layering/') || message.ruleId === 'no-restricted-syntax').map((message) => `${result.filePath}: ${message.message}`),
    )
    expect(crossings).toEqual([])
  })
})
