import type { AdminClient, MutatingOperation } from '../minio/index.ts'
import { generateSecretKey } from '../shared/secret-generator.ts'
import { runBulk, type BulkItemResult, type BulkProgress } from '../bulk/bulk-runner.ts'
import { AppFailure, type AppError } from '../api/result.ts'
import type { PlanOperation, PlanStep, SnapshotPlan } from './snapshot-plan.types.ts'

/** The audited changes an apply makes: pass the IAM service, so every step is its own audit event. */
export type SnapshotIam = Pick<AdminClient, MutatingOperation>

/** A secret made by the apply, handed out once (for the credentials file). Never log or audit it. */
export interface GeneratedCredential {
  kind: 'user' | 'accessKey'
  accessKey: string
  secretKey: string
  /** For access keys: the user it belongs to. */
  parentUser?: string
}

export interface StepResult {
  step: PlanStep
  status: BulkItemResult<void>['status']
  error?: AppError
}

export interface ApplyEvent {
  result: StepResult
  progress: BulkProgress
}

export interface ApplyOptions {
  /** Steps in flight at once within a phase. Default 4. */
  concurrency?: number
  signal?: AbortSignal
  onStep?: (event: ApplyEvent) => void
  /** Called right after a user or access key with a generated secret is created. */
  onCredential?: (credential: GeneratedCredential) => void
}

export interface ApplyReport {
  /** One result per plan step, in plan order. */
  results: StepResult[]
  progress: BulkProgress
  isCancelled: boolean
  haltedBecause?: AppError
  /** Set when the steps ran but the umbrella `snapshot.applied` event could not be completed. */
  auditProblem?: AppError
}

/**
 * Applies a plan step by step, phase by phase, and returns a result per step. A failed step does
 * not stop the apply: later steps are still tried, except those that need what it should have
 * created (skipped, naming the step), and, when the failure means nothing more can succeed (audit
 * trail unavailable, credentials rejected, server unreachable 3 times running), all remaining steps
 * (skipped, saying why). Cancelling starts no new step. Never rejects for a step's failure.
 */
export async function applyPlan(iam: SnapshotIam, plan: SnapshotPlan, options: ApplyOptions = {}): Promise<ApplyReport> {
  const results = new Map<number, StepResult>()
  const progress: BulkProgress = { total: plan.steps.length, done: 0, ok: 0, failed: 0, skipped: 0 }
  const providers = new Map(plan.steps.filter((step) => step.provides).map((step) => [step.provides as string, step]))
  let stopped: Stop | undefined
  const record = (result: StepResult): void => {
    results.set(result.step.id, result)
    progress.done++
    progress[result.status]++
    options.onStep?.({ result, progress: { ...progress } })
  }
  for (const phase of phasesOf(plan.steps)) {
    if (stopped) {
      for (const step of phase) record({ step, status: 'skipped', error: stoppedError(step, stopped) })
      continue
    }
    const report = await runBulk(phase, { label: describeStep, run: (step) => runStep(iam, step, results, providers, options) }, {
      concurrency: options.concurrency ?? 4,
      ...(options.signal ? { signal: options.signal } : {}),
      onItem: ({ result }) => record(stepResult(phase[result.index] as PlanStep, result)),
    })
    if (report.isCancelled || report.haltedBecause) stopped = { isCancelled: report.isCancelled, ...(report.haltedBecause ? { haltedBecause: report.haltedBecause } : {}) }
  }
  return { results: plan.steps.map((step) => results.get(step.id) as StepResult), progress, isCancelled: Boolean(stopped?.isCancelled), ...(stopped?.haltedBecause ? { haltedBecause: stopped.haltedBecause } : {}) }
}

function phasesOf(steps: readonly PlanStep[]): PlanStep[][] {
  const phases: PlanStep[][] = []
  for (const step of steps) {
    const last = phases.at(-1)
    if (last && last[0]?.phase === step.phase) last.push(step)
    else phases.push([step])
  }
  return phases
}

/** "step 3: user 'alice': attach readonly" */
export function describeStep(step: PlanStep): string {
  return `step ${step.id}: ${step.entity} '${step.name}': ${step.summary}`
}

function stepResult(step: PlanStep, result: BulkItemResult<void>): StepResult {
  if (result.error && result.status === 'failed' && result.error.details?.isDependencySkip) {
    return { step, status: 'skipped', error: { code: result.error.code, message: result.error.message } }
  }
  return { step, status: result.status, ...(result.error ? { error: result.error } : {}) }
}

type Stop = { isCancelled: boolean; haltedBecause?: AppError }

function stoppedError(step: PlanStep, stopped: Stop): AppError {
  if (stopped.isCancelled) return { code: 'CANCELLED', message: `Not done: ${describeStep(step)}. The apply was cancelled before this step; nothing was sent for it.` }
  const reason = stopped.haltedBecause ?? { code: 'INTERNAL', message: 'stopped' }
  return { code: reason.code, message: `Skipped: ${describeStep(step)}. Nothing was sent for it because no further step could succeed (${reason.message}).` }
}

async function runStep(iam: SnapshotIam, step: PlanStep, results: Map<number, StepResult>, providers: Map<string, PlanStep>, options: ApplyOptions): Promise<void> {
  for (const need of step.needs) {
    const provider = providers.get(need)
    const outcome = provider ? results.get(provider.id) : undefined
    if (provider && outcome && outcome.status !== 'ok') {
      // Thrown so runBulk records it; stepResult turns it into `skipped` (nothing was sent).
      throw new AppFailure('CONFLICT', `Skipped: ${describeStep(step)}. It needs ${need.replace(':', " '")}', which step ${provider.id} should have created but did not (${outcome.status}).`, { isDependencySkip: true })
    }
  }
  await runOperation(iam, step.operation, options.onCredential)
}

async function runOperation(iam: SnapshotIam, operation: PlanOperation, onCredential: ApplyOptions['onCredential']): Promise<void> {
  switch (operation.type) {
    case 'createPolicy': return iam.createPolicy(operation.name, operation.document)
    case 'updatePolicy': return iam.updatePolicy(operation.name, operation.document)
    case 'deletePolicy': return iam.deletePolicy(operation.name)
    case 'createUser': {
      const secretKey = generateSecretKey()
      await iam.createUser({ accessKey: operation.accessKey, secretKey, status: operation.status })
      return onCredential?.({ kind: 'user', accessKey: operation.accessKey, secretKey })
    }
    case 'setUserStatus': return iam.setUserStatus(operation.accessKey, operation.status)
    case 'removeUser': return iam.removeUser(operation.accessKey)
    case 'createGroup': return iam.createGroup(operation.name)
    case 'setGroupStatus': return iam.setGroupStatus(operation.name, operation.status)
    case 'deleteGroup': return iam.deleteGroup(operation.name)
    case 'addGroupMembers': return iam.addGroupMembers(operation.name, operation.members)
    case 'removeGroupMembers': return iam.removeGroupMembers(operation.name, operation.members)
    case 'attachPolicies': return void (await iam.attachPolicies(operation.target, operation.policies))
    case 'detachPolicies': return void (await iam.detachPolicies(operation.target, operation.policies))
    case 'createAccessKey': return createAccessKey(iam, operation, onCredential)
    case 'updateAccessKey': return iam.updateAccessKey(operation.accessKey, operation.update)
    case 'deleteAccessKey': return iam.deleteAccessKey(operation.accessKey)
  }
}

async function createAccessKey(iam: SnapshotIam, operation: Extract<PlanOperation, { type: 'createAccessKey' }>, onCredential: ApplyOptions['onCredential']): Promise<void> {
  const { type: _type, parentUser, status, ...fields } = operation
  const secretKey = generateSecretKey()
  await iam.createAccessKey({ ...fields, targetUser: parentUser, secretKey })
  onCredential?.({ kind: 'accessKey', accessKey: operation.accessKey, secretKey, parentUser })
  // MinIO creates keys enabled; a disabled one is disabled right after, in the same step.
  if (status === 'disabled') await iam.setAccessKeyStatus(operation.accessKey, 'disabled')
}
