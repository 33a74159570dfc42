/**
 * The scoped read of one principal's matrix: every policy and mapping, the principal itself (a
 * user; a group; an access key with its session policy and its owner) and the groups its user is
 * in. That is all the analyzer reads to answer a principal (principals.ts assemblePrincipal), so
 * the matrix over this model equals the matrix over the whole one, at a handful of calls instead
 * of the deployment's every user and key. A principal that is not there is simply absent (the
 * analyzer then says NOT_FOUND, naming it); so is a key whose owner is no MinIO user (root's, an
 * STS identity's), as in the whole read.
 */
import { mappingsOf, snapshotAccessKeyOf } from '../snapshot/snapshot-export.ts'
import type { DeploymentModel } from './deployment.ts'
import type { PrincipalRef } from './principals.ts'
import { readGroups, scopedModel, type ReadProgress, type ScopedReader } from './scoped-model.ts'
import { unlessMissing } from '../shared/unless-missing.ts'

/** The model `buildMatrix(analyzer, ref)` needs, read from the server; `progress.step` names the read under way. */
export async function readPrincipalScope(reader: ScopedReader, ref: PrincipalRef, source: { endpoint: string; connection: string }, buckets: readonly string[], progress: ReadProgress = { step: '' }): Promise<DeploymentModel> {
  progress.step = 'the policies and their mappings (list-canned-policies, policy-entities)'
  const [policies, entities] = await Promise.all([reader.listPolicies(), reader.policyEntities()])
  const parts = { policies, mapped: mappingsOf(entities), buckets }
  if (ref.kind === 'group') {
    progress.step = `group '${ref.name}' (group)`
    const group = await unlessMissing(reader.getGroup(ref.name))
    return scopedModel({ ...parts, users: [], groups: group ? [{ name: ref.name, group }] : [], accessKeys: [] }, source)
  }
  progress.step = ref.kind === 'user' ? `user '${ref.name}' (user-info)` : `access key '${ref.name}' and its owner (info-service-account, user-info)`
  const key = ref.kind === 'accessKey' ? await unlessMissing(reader.getAccessKey(ref.name)) : undefined
  const userName = ref.kind === 'user' ? ref.name : key?.parentUser
  const user = userName === undefined ? undefined : await unlessMissing(reader.getUser(userName))
  progress.step = `the groups of user '${userName ?? ''}' (group)`
  const groups = await readGroups(reader, user?.memberOf ?? [], progress)
  progress.step = 'done'
  return scopedModel({ ...parts, users: user ? [user] : [], groups, accessKeys: key && user ? [snapshotAccessKeyOf(key, key.impliedPolicy ? undefined : key.policy)] : [] }, source)
}
