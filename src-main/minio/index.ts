/**
 * The MinIO admin API client: SigV4 transport, madmin payload crypto and the IAM endpoints.
 * Everything here runs in plain Node (no Electron) and throws AppFailure on expected failures.
 */
import type { AdminClient } from './admin-client.ts'

export { AdminClient } from './admin-client.ts'
export type { AdminConnection, ServerInfo, ServerNodeInfo } from './admin-client.ts'
export type * from './types.ts'
export { argon2Backend } from './crypto/kdf.ts'

/** Every AdminClient method that changes server state: the audit layer wraps exactly these. */
export const MUTATING_OPERATIONS = [
  'createUser',
  'setUserSecret',
  'setUserStatus',
  'removeUser',
  'createGroup',
  'addGroupMembers',
  'removeGroupMembers',
  'setGroupStatus',
  'deleteGroup',
  'createPolicy',
  'updatePolicy',
  'deletePolicy',
  'attachPolicies',
  'detachPolicies',
  'createAccessKey',
  'updateAccessKey',
  'setAccessKeyStatus',
  'deleteAccessKey',
] as const satisfies readonly (keyof AdminClient)[]

export type MutatingOperation = (typeof MUTATING_OPERATIONS)[number]

/** Every AdminClient method that only reads; with MUTATING_OPERATIONS it covers the whole client. */
export const READ_OPERATIONS = [
  'serverInfo',
  'accountInfo',
  'listUsers',
  'getUser',
  'listGroups',
  'getGroup',
  'listPolicies',
  'getPolicy',
  'policyEntities',
  'getAccessKey',
  'listAccessKeys',
  'listAccessKeysBulk',
] as const satisfies readonly (keyof AdminClient)[]

export type ReadOperation = (typeof READ_OPERATIONS)[number]
