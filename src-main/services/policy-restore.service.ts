import { createHash } from 'node:crypto'
import { AppFailure } from '../api/result.ts'
import { diffDocuments, isSameDocument, type AuditService, type PolicyVersion } from '../audit/index.ts'
import { stableJson } from '../shared/stable-json.ts'
import { unlessMissing } from '../shared/unless-missing.ts'
import { validatePolicy } from '../policy/index.ts'
import { semanticsForRelease } from '../policy/server-request/semantics.ts'
import type { PolicyDocument } from '../minio/index.ts'
import { canonicalPolicy } from '../snapshot/canonical-policy.ts'
import type { IamSession } from './iam-session.ts'
import { savePolicy } from './policies.service.ts'

/**
 * "Restore this version" of the policy history: what a restore would change (the server's current
 * document against the chosen version, checked by the server release's rules), and the restore
 * itself, made through the editor's own save (one ordinary, audited policy.updated — or
 * policy.created when the policy was deleted since — whose details name the version restored).
 */

export interface RestorePreview {
  policyName: string
  version: number
  /** The event the version came from: a restore names it so a re-numbered history cannot mislead. */
  eventId: string
  versionTime: number
  versionActor: string
  /** The server's document now, pretty-printed; null when the policy no longer exists there. */
  currentText: string | null
  /** The chosen version's document, pretty-printed; null when the version is the deletion. */
  versionText: string | null
  /** True when the policy was deleted since: the restore creates it again. */
  isRecreate: boolean
  /** True when the server already holds exactly this version. */
  isSame: boolean
  /** current → version, as a unified diff. */
  patch: string
  added: number
  removed: number
  /** Whose rules the version was checked by ("MinIO RELEASE.… (minio/pkg v3.1.3)"). */
  checkedAs: string
  /** Why this version cannot be restored; empty when it can. */
  problems: string[]
  /** A fingerprint of the current document the restore must still find (null: none on the server). */
  currentFingerprint: string | null
}

export interface RestoreRequest {
  policyName: string
  version: number
  eventId: string
  /** The preview's `currentFingerprint`: CONFLICT when the server's document changed since. */
  expectedFingerprint: string | null
}

export interface RestoreResult {
  policyName: string
  version: number
  isRecreated: boolean
  /** The policy as MinIO now holds it. */
  text: string
}

/** `policies.restorePreview`: the confirmation's content. NOT_FOUND for a version the trail lacks. */
export async function previewRestore(iam: IamSession, audit: AuditService, policyName: string, version: number): Promise<RestorePreview> {
  const chosen = await findVersion(audit, iam.connectionId, policyName, version)
  const [current, checked] = await Promise.all([currentDocument(iam, policyName), checkForServer(iam, policyName, chosen.document)])
  // MinIO answers its action and resource sets in a different order on each read: compare as sets.
  const [now, then] = [canonical(current), canonical(chosen.document)]
  const diff = diffDocuments({ label: current === null ? 'on the server (none: deleted)' : 'on the server now', document: now }, { label: `version ${version}`, document: then })
  const isSame = now !== null && then !== null && isSameDocument(now, then)
  const problems = [...checked.problems, ...(isSame ? [`The server already holds version ${version}: there is nothing to restore.`] : [])]
  return {
    policyName,
    version,
    eventId: chosen.eventId,
    versionTime: chosen.time,
    versionActor: chosen.actor,
    currentText: current === null ? null : pretty(current),
    versionText: chosen.document === null ? null : pretty(chosen.document),
    isRecreate: current === null,
    isSame,
    ...diff,
    checkedAs: checked.checkedAs,
    problems,
    currentFingerprint: now === null ? null : fingerprint(now),
  }
}

/**
 * `policies.restore`: checks again what the preview showed (same version event, same current
 * document, still valid for the server's release), then saves the version as the editor does.
 * CONFLICT when the history or the server changed since the preview; INVALID_INPUT with the reasons
 * when the version cannot be restored.
 */
export async function restorePolicyVersion(iam: IamSession, audit: AuditService, request: RestoreRequest): Promise<RestoreResult> {
  const preview = await previewRestore(iam, audit, request.policyName, request.version)
  const name = `'${request.policyName}'`
  if (preview.eventId !== request.eventId) {
    throw new AppFailure('CONFLICT', `Version ${request.version} of ${name} is no longer the version you reviewed (the audit trail changed). Open the history again and choose the version anew.`)
  }
  if (preview.currentFingerprint !== request.expectedFingerprint) {
    throw new AppFailure('CONFLICT', `Policy ${name} changed on the server since you reviewed the restore; nothing was changed. Review the diff again.`)
  }
  if (preview.problems.length > 0 || preview.versionText === null) {
    throw new AppFailure('INVALID_INPUT', `Version ${request.version} of ${name} cannot be restored: ${preview.problems.join(' ')} Nothing was changed.`)
  }
  const restoredFrom = { version: request.version, eventId: preview.eventId, time: preview.versionTime }
  const saved = await savePolicy(iam, preview.isRecreate ? 'create' : 'update', request.policyName, preview.versionText, { restoredFrom })
  return { policyName: request.policyName, version: request.version, isRecreated: preview.isRecreate, text: saved.text }
}

async function findVersion(audit: AuditService, connectionId: string, policyName: string, version: number): Promise<PolicyVersion> {
  const history = await audit.policyHistory(policyName, connectionId)
  const found = history.find((item) => item.version === version)
  if (!found) throw new AppFailure('NOT_FOUND', `The audit trail has no version ${version} of policy '${policyName}' on this connection (it has ${history.length}).`)
  return found
}

/** The server's document, or null when the policy does not exist (deleted since). */
async function currentDocument(iam: IamSession, policyName: string): Promise<unknown> {
  const policy = await unlessMissing(iam.getPolicy(policyName))
  return policy ? policy.document : null
}

/** MinIO's validation under the rules of the server's release (its version from server info). */
async function checkForServer(iam: IamSession, policyName: string, document: unknown): Promise<{ checkedAs: string; problems: string[] }> {
  const release = await serverRelease(iam)
  const choice = semanticsForRelease(release)
  const rules = `${choice.semantics.pkg}`
  const checkedAs = choice.release
    ? `MinIO ${choice.release} (${rules})`
    : `the newest modelled release, MinIO ${choice.semantics.lastRelease} (${rules}): ${release ? `the server reports version '${release}', which names no release` : "the server's version could not be read"}`
  if (document === null) return { checkedAs, problems: ['This version is the deletion of the policy; there is no document to restore.'] }
  const issues = validatePolicy(JSON.stringify(document), { kind: 'canned', name: policyName, semantics: choice.semantics.rules })
  const problems = issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.path ? `${issue.path}: ` : ''}${issue.message}`)
  return { checkedAs, problems: problems.length > 0 ? [`It no longer validates for ${checkedAs}:`, ...problems] : [] }
}

/** The first server's version, or undefined when server info is refused (the default rules apply). */
async function serverRelease(iam: IamSession): Promise<string | undefined> {
  try {
    return (await iam.serverInfo()).versions[0]
  } catch (error) {
    if (error instanceof AppFailure) return undefined
    throw error
  }
}

/** Sets sorted, keys sorted; what is not a policy object stays as it is. */
function canonical(document: unknown): unknown {
  return document !== null && typeof document === 'object' && !Array.isArray(document) ? canonicalPolicy(document as PolicyDocument) : document
}

function pretty(document: unknown): string {
  return JSON.stringify(document, null, 2)
}

function fingerprint(document: unknown): string {
  return createHash('sha256').update(stableJson(document)).digest('hex')
}
