/**
 * `access.impact`: the impact preview of a change on a live connection. The connection's IAM
 * state is read once (through its IAM session, as the Access screen reads it; nothing changes),
 * the change is applied to that model, and the evaluator answers both states (access/impact.ts) in
 * the policy worker.
 */
import type { ProposedChange } from '../access/impact.ts'
import { AppFailure } from '../api/result.ts'
import { parsePolicy, type PolicyDocument } from '../policy/index.ts'
import { readScope } from '../access/impact-scope.ts'
import type { DeploymentModel } from '../access/deployment.ts'
import { listBuckets, modelFromConnection } from './access.service.ts'
import { parseSessionPolicy } from './access-keys.service.ts'
import type { AppServices } from './app-services.ts'
import type { ImpactPreview } from './impact-preview.ts'
import { policyWorker } from './policy-worker.ts'

export { IMPACT_LIST_LIMIT, IMPACT_SUMMARY_LIMIT, type ImpactEntry, type ImpactPreview } from './impact-preview.ts'

type Status = 'enabled' | 'disabled'

/** The change as a screen describes it: documents as typed text, states as enabled/disabled. */
export type ImpactRequest =
  | { kind: 'attach' | 'detach'; targets: Array<{ user: string } | { group: string }>; policies: string[] }
  | { kind: 'putPolicy'; name: string; text: string }
  | { kind: 'deletePolicy'; name: string }
  | { kind: 'addMembers' | 'removeMembers'; group: string; users: string[] }
  | { kind: 'groupStatus'; group: string; status: Status }
  | { kind: 'userStatus'; users: string[]; status: Status }
  | { kind: 'deleteUsers'; users: string[] }
  | { kind: 'accessKeyPolicy'; accessKey: string; policy: { mode: 'set'; text: string } | { mode: 'inherit' } }
  | { kind: 'accessKeyStatus'; accessKey: string; status: Status }
  | { kind: 'deleteAccessKey'; accessKey: string }
  | { kind: 'accessKeysStatus'; accessKeys: string[]; status: Status }
  | { kind: 'accessKeyExpiry'; accessKey: string; expiresAt: string | null }
  | { kind: 'createUser'; name: string; policies: string[]; groups: string[] }
  | { kind: 'createAccessKey'; parent?: string | undefined; policy?: string | undefined; expiresAt?: string | undefined }
  | { kind: 'deleteGroup'; group: string }

/** A canned policy text as the evaluator takes it; INVALID_INPUT naming the first error (MinIO would refuse it too). */
function canned(text: string, name: string): PolicyDocument {
  const parsed = parsePolicy(text)
  const error = parsed.issues.find((issue) => issue.severity === 'error')
  if (error || !parsed.document) {
    const where = error?.line ? ` (line ${error.line}${error.column ? `:${error.column}` : ''})` : ''
    throw new AppFailure('INVALID_INPUT', `Cannot preview the impact of policy '${name}': ${error?.message ?? 'the document cannot be read'}${where}. Fix the document first.`)
  }
  return parsed.document
}

/** The stand-in name of a key not created yet (MinIO picks the real one); the preview names it so. */
export const NEW_ACCESS_KEY = '(new access key)'

/** The pure change; documents are parsed here, before the server is read. `owner`: the connection's own account (a new key's default parent). */
export function proposedChange(request: ImpactRequest, owner = ''): ProposedChange {
  switch (request.kind) {
    case 'accessKeysStatus':
      return { kind: 'accessKeysStatus', accessKeys: request.accessKeys, enabled: request.status === 'enabled' }
    case 'createAccessKey': {
      const sessionPolicy = request.policy?.trim() ? (parseSessionPolicy(request.policy) as unknown as PolicyDocument) : undefined
      return { kind: 'createAccessKey', accessKey: NEW_ACCESS_KEY, parent: request.parent ?? owner, ...(sessionPolicy ? { sessionPolicy } : {}), ...(request.expiresAt ? { expiresAt: request.expiresAt } : {}) }
    }
    case 'putPolicy':
      return { kind: 'putPolicy', name: request.name, document: canned(request.text, request.name) }
    case 'groupStatus':
      return { kind: 'groupStatus', group: request.group, enabled: request.status === 'enabled' }
    case 'userStatus':
      return { kind: 'userStatus', users: request.users, enabled: request.status === 'enabled' }
    case 'accessKeyStatus':
      return { kind: 'accessKeyStatus', accessKey: request.accessKey, enabled: request.status === 'enabled' }
    case 'accessKeyPolicy':
      return { kind: 'accessKeyPolicy', accessKey: request.accessKey, sessionPolicy: request.policy.mode === 'inherit' ? 'inherit' : (parseSessionPolicy(request.policy.text) as unknown as PolicyDocument) }
    default:
      return request
  }
}

/**
 * How long the preview may spend reading the server's IAM state. A confirmation waits on it,
 * and browser mode drops a call that is quiet for 30 s, so a slow read is said, never left hanging.
 */
export const IMPACT_READ_BUDGET_MS = 20_000

export async function withinReadBudget<T>(read: Promise<T>, budgetMs = IMPACT_READ_BUDGET_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppFailure('MINIO_SLOW', `No impact preview: reading the server's IAM state for this change took over ${budgetMs / 1000} s on this deployment. Check by hand what this change does before you confirm it.`)), budgetMs)
  })
  try {
    return await Promise.race([read, late])
  } finally {
    clearTimeout(timer)
    read.catch(() => {}) // a read that loses the race must not surface as an unhandled rejection
  }
}

/**
 * What the preview needs of the server: the principals the change reaches (access/impact-scope.ts),
 * or the whole IAM state when that reach is over 2,000 users and groups (SCOPE_LIMIT: then the
 * whole read, which lists keys in bulk, is the cheaper one).
 */
async function modelInReach(services: AppServices, connection: string, change: ProposedChange): Promise<DeploymentModel> {
  const profile = services.connections.profile(connection)
  const scoped = await services.withIam(profile.id, async (session) => readScope(session, change, { endpoint: profile.endpoint, connection: profile.name }, await listBuckets(session)))
  return scoped ?? modelFromConnection(services, connection)
}

/** Who the connection acts for (the parent user when it signs with an access key or STS credentials). */
interface OwnAccount {
  name: string
  /** Temporary (STS) credentials: their identity's policies come from the provider, not from MinIO's users. */
  hasSessionToken: boolean
}

async function ownAccount(services: AppServices, connection: string): Promise<OwnAccount> {
  return services.withIam(services.connections.profile(connection).id, async (session) => ({ name: (await session.accountInfo()).accountName, hasSessionToken: session.hasSessionToken }))
}

/**
 * A new key's owner that is no MinIO user: the root account when it is the connection's own (not
 * temporary) account, as the checklist tells root — the model then names it, so its keys are judged
 * as MinIO judges root's (session policy alone). Otherwise INVALID_INPUT saying why there is no preview.
 */
function withRootOwner(model: DeploymentModel, parent: string, account: OwnAccount): DeploymentModel {
  if (parent === account.name && !account.hasSessionToken) return { ...model, rootAccount: parent }
  const why = parent === account.name
    ? 'it is the identity of temporary (STS) credentials, whose policies come from their provider, not from MinIO users'
    : "it is not a MinIO user (nor this connection's own account, the one root account the app can tell)"
  throw new AppFailure('INVALID_INPUT', `Cannot preview a new key of '${parent}': ${why}. Pick a user as the owner to see the preview.`)
}

/** The preview on the live state of `connection`. Throws AppFailure as the reads do, INVALID_INPUT for a bad document. */
export async function previewImpact(services: AppServices, connection: string, request: ImpactRequest): Promise<ImpactPreview> {
  // A new key of "this connection's account" belongs to the user the connection acts for (MinIO: a key's parent for an access key).
  const account = request.kind === 'createAccessKey' ? await withinReadBudget(ownAccount(services, connection)) : undefined
  const change = proposedChange(request, account?.name ?? services.connections.profile(connection).accessKey)
  const read = await withinReadBudget(modelInReach(services, connection, change))
  const model = change.kind === 'createAccessKey' && account && !read.users.has(change.parent) ? withRootOwner(read, change.parent, account) : read
  // Seconds on a large deployment: in the policy worker, within its budget, never on main.
  return policyWorker.run<ImpactPreview>({ kind: 'impact', input: { model, change, now: Date.now() } })
}
