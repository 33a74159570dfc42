/**
 * The scoped read of who-can: every policy (one listing) and every mapping (one policy-entities
 * call), then only the principals that could be allowed. MinIO allows a request only through an
 * Allow statement in a policy the principal holds (its own, its groups', its parent's for an access
 * key), so a principal none of whose policies has an Allow that may apply (policy-traits.ts
 * `mayAllow`, an over-approximation) is denied whatever else it has: it is left out. Read in: the
 * users holding such a policy and the members of the groups holding one, with every group they are
 * in (a disabled group denies its members everything), and the access keys of those users that are
 * enabled (a disabled user's keys are refused at sign-in). The analyzer answers this model as it
 * answers the whole one; access-live.int.test.ts holds the two equal on a real MinIO.
 */
import type { PolicyInfo, UserInfo } from '../minio/index.ts'
import type { PolicyDocument } from '../policy/index.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import { mappingsOf, snapshotAccessKey } from '../snapshot/snapshot-export.ts'
import type { AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { PolicyTraits, resourceTexts } from './policy-traits.ts'
import { ENCRYPTED_CONCURRENCY, PLAIN_CONCURRENCY, readGroups, scopedModel, unlessAbandoned, type ReadProgress, type ScopedReader } from './scoped-model.ts'
import { unlessMissing } from '../shared/unless-missing.ts'

/** Past this many users in reach one list-users call (encrypted, the whole list) is cheaper than a user-info call each. */
export const USER_READS_LIMIT = 1_000
/** Users per list-access-keys-bulk call (their names go in the query string). */
const BULK_CHUNK = 500

/** The names of the policies with an Allow statement that may apply to `request`. */
export function allowingPolicies(policies: Iterable<readonly [string, PolicyDocument]>, request: AccessRequest): Set<string> {
  const traits = new PolicyTraits()
  const texts = resourceTexts(request)
  const out = new Set<string>()
  for (const [name, document] of policies) if (traits.mayAllow(document, request, texts)) out.add(name)
  return out
}

const count = (value: number, what: string) => `${value.toLocaleString('en-US')} ${what}${value === 1 ? '' : 's'}`

async function readUsers(reader: ScopedReader, names: ReadonlySet<string>, progress: ReadProgress): Promise<UserInfo[]> {
  if (names.size > USER_READS_LIMIT) {
    progress.step = `the list of users (list-users), for the ${count(names.size, 'user')} in reach`
    return (await reader.listUsers()).filter((user) => names.has(user.accessKey))
  }
  progress.step = `${count(names.size, 'user')} in reach (user-info)`
  return (await mapBounded([...names], PLAIN_CONCURRENCY, (name) => (unlessAbandoned(progress), unlessMissing(reader.getUser(name))))).filter((user) => user !== undefined)
}

/** The access keys of `owners` (enabled users), with their session policies. */
async function readKeys(reader: ScopedReader, owners: readonly string[], progress: ReadProgress) {
  progress.step = `which of ${count(owners.length, 'user')} in reach have access keys (list-access-keys-bulk)`
  const chunks = Array.from({ length: Math.ceil(owners.length / BULK_CHUNK) }, (_, index) => owners.slice(index * BULK_CHUNK, (index + 1) * BULK_CHUNK))
  const lists = await mapBounded(chunks, ENCRYPTED_CONCURRENCY, (chunk) => (unlessAbandoned(progress), reader.listAccessKeysBulk(chunk, 'svcacc-only')))
  const withKeys = owners.filter((owner) => lists.some((list) => (list[owner]?.serviceAccounts.length ?? 0) > 0))
  progress.step = `the access keys of ${count(withKeys.length, 'user')} in reach (list-service-accounts, one encrypted call per user)`
  const infos = (await mapBounded(withKeys, ENCRYPTED_CONCURRENCY, (owner) => (unlessAbandoned(progress), reader.listAccessKeys(owner)))).flat()
  progress.step = `the session policies of ${count(infos.filter((key) => !key.impliedPolicy).length, 'access key')} (info-service-account)`
  return mapBounded(infos, ENCRYPTED_CONCURRENCY, (key) => (unlessAbandoned(progress), snapshotAccessKey(reader, key)))
}

/**
 * The model who-can needs for `request`, read from the server; `progress.step` names the read under
 * way. `accessKeys: false` leaves the keys out (the one part that costs an encrypted call per owner).
 */
export async function readWhoCanScope(reader: ScopedReader, request: AccessRequest, source: { endpoint: string; connection: string }, progress: ReadProgress = { step: '' }, options: { accessKeys?: boolean } = {}): Promise<DeploymentModel> {
  progress.step = 'the policies and their mappings (list-canned-policies, policy-entities)'
  const [policies, entities] = await Promise.all([reader.listPolicies(), reader.policyEntities()])
  const allowing = allowingPolicies(policies.map((policy: PolicyInfo) => [policy.name, policy.document as PolicyDocument] as const), request)
  const holders = entities.policyMappings.filter((mapping) => allowing.has(mapping.policy))
  const holderGroups = new Set(holders.flatMap((mapping) => mapping.groups))
  progress.step = `the ${count(holderGroups.size, 'group')} holding a policy that may allow it (group)`
  const seedGroups = await readGroups(reader, holderGroups, progress)
  const userNames = new Set([...holders.flatMap((mapping) => mapping.users), ...seedGroups.flatMap(({ group }) => group.members)])
  const users = await readUsers(reader, userNames, progress)
  // Each user's other groups decide its access too (their policies, a disabled one denies all).
  const known = new Set(seedGroups.map(({ name }) => name))
  progress.step = 'the other groups of the users in reach (group)'
  const others = await readGroups(reader, users.flatMap((user) => user.memberOf).filter((name) => !known.has(name)), progress)
  const owners = users.filter((user) => user.status === 'enabled').map((user) => user.accessKey)
  const accessKeys = owners.length > 0 && options.accessKeys !== false ? await readKeys(reader, owners, progress) : []
  progress.step = 'done'
  return scopedModel({ policies, mapped: mappingsOf(entities), users, groups: [...seedGroups, ...others], accessKeys, buckets: [] }, source)
}
