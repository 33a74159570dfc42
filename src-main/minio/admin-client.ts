import * as accessKeys from './access-keys.ts'
import { fetchAccountInfo } from './account.ts'
import * as groups from './groups.ts'
import * as policies from './policies.ts'
import { fetchPolicyEntities } from './policy-entities.ts'
import { fetchServerInfo, type ServerInfo } from './server-info.ts'
import { AdminTransport, type AdminConnection } from './transport.ts'
import type {
  AccessKeyDetails,
  AccessKeyInfo,
  AccessKeyList,
  AccessKeyUpdate,
  AccountInfo,
  CreatedAccessKey,
  EntityStatus,
  GroupInfo,
  NewAccessKey,
  PolicyChange,
  PolicyDocument,
  PolicyEntities,
  PolicyInfo,
  PolicyTarget,
  UserInfo,
} from './types.ts'
import * as users from './users.ts'

export type { AdminConnection } from './transport.ts'
export type { ServerInfo, ServerNodeInfo } from './server-info.ts'

/**
 * MinIO admin API client for one connection (endpoint + credential). Every method signs its
 * request with SigV4, throws AppFailure with a code from the app's closed set on failure (never a
 * secret in the message), and takes and returns plain typed values, so a wrapper (the audit layer)
 * can record before/after. Methods that change server state are listed in MUTATING_OPERATIONS.
 * No Electron; safe in the CLI and tests. Reads are retried on transient failures, writes never.
 */
export class AdminClient {
  private readonly transport: AdminTransport

  /** Throws AppFailure INVALID_INPUT when the endpoint is not an http(s) origin. */
  constructor(connection: AdminConnection) {
    this.transport = new AdminTransport(connection)
  }

  /** The endpoint origin this client talks to. */
  get endpoint(): string {
    return this.transport.endpoint
  }

  /** The access key this client signs with (never the secret). */
  get accessKey(): string {
    return this.transport.accessKey
  }

  // ── server and account ──
  /** GET /info: versions, mode, deployment id, drives, buckets, objects, per-server state. Needs admin:ServerInfo. */
  serverInfo(): Promise<ServerInfo> {
    return fetchServerInfo(this.transport)
  }

  /** GET /accountinfo: the caller's account, effective policy and reachable buckets. Any credential may call it. */
  accountInfo(): Promise<AccountInfo> {
    return fetchAccountInfo(this.transport)
  }

  // ── users ──
  /** All builtin users (root excluded), sorted. */
  listUsers(): Promise<UserInfo[]> {
    return users.listUsers(this.transport)
  }

  /** One user; NOT_FOUND when unknown. */
  getUser(accessKey: string): Promise<UserInfo> {
    return users.getUser(this.transport, accessKey)
  }

  /** Creates a user (enabled unless said otherwise); CONFLICT when it exists. */
  createUser(user: { accessKey: string; secretKey: string; status?: EntityStatus }): Promise<void> {
    return users.createUser(this.transport, user)
  }

  /** Changes a user's secret key, keeping its status. */
  setUserSecret(accessKey: string, secretKey: string): Promise<void> {
    return users.setUserSecret(this.transport, accessKey, secretKey)
  }

  /** Enables or disables a user. */
  setUserStatus(accessKey: string, status: EntityStatus): Promise<void> {
    return users.setUserStatus(this.transport, accessKey, status)
  }

  /** Deletes a user with its memberships, access keys and policy mapping. */
  removeUser(accessKey: string): Promise<void> {
    return users.removeUser(this.transport, accessKey)
  }

  // ── groups ──
  /** Group names, sorted. */
  listGroups(): Promise<string[]> {
    return groups.listGroups(this.transport)
  }

  /** One group with members and policies; NOT_FOUND when unknown. */
  getGroup(name: string): Promise<GroupInfo> {
    return groups.getGroup(this.transport, name)
  }

  /** Creates a group with optional members; CONFLICT when it exists. */
  createGroup(name: string, members: readonly string[] = []): Promise<void> {
    return groups.createGroup(this.transport, name, members)
  }

  /** Adds existing users to an existing group. */
  addGroupMembers(name: string, members: readonly string[]): Promise<void> {
    return groups.addGroupMembers(this.transport, name, members)
  }

  /** Removes users from a group. */
  removeGroupMembers(name: string, members: readonly string[]): Promise<void> {
    return groups.removeGroupMembers(this.transport, name, members)
  }

  /** Enables or disables a group (disabling denies everything to its members). */
  setGroupStatus(name: string, status: EntityStatus): Promise<void> {
    return groups.setGroupStatus(this.transport, name, status)
  }

  /** Deletes an empty group; CONFLICT naming the members otherwise. */
  deleteGroup(name: string): Promise<void> {
    return groups.deleteGroup(this.transport, name)
  }

  // ── policies ──
  /** All policies with documents, built-ins included, sorted by name. */
  listPolicies(): Promise<{ name: string; document: PolicyDocument }[]> {
    return policies.listPolicies(this.transport)
  }

  /** One policy with its dates; NOT_FOUND when unknown. */
  getPolicy(name: string): Promise<PolicyInfo> {
    return policies.getPolicy(this.transport, name)
  }

  /** Creates a policy (document as object or JSON text); CONFLICT when it exists. */
  createPolicy(name: string, document: PolicyDocument | string): Promise<void> {
    return policies.createPolicy(this.transport, name, document)
  }

  /** Replaces a policy's document; NOT_FOUND when it does not exist. */
  updatePolicy(name: string, document: PolicyDocument | string): Promise<void> {
    return policies.updatePolicy(this.transport, name, document)
  }

  /** Deletes a policy; CONFLICT naming the users and groups it is still attached to. */
  deletePolicy(name: string): Promise<void> {
    return policies.deletePolicy(this.transport, name)
  }

  /**
   * Attaches policies to a builtin user or group; returns the names actually attached. With
   * `knownBefore` (the attached set the caller just read) the encrypted reply is not decrypted.
   */
  attachPolicies(target: PolicyTarget, names: readonly string[], options?: policies.ChangeOptions): Promise<PolicyChange> {
    return policies.attachPolicies(this.transport, target, names, options)
  }

  /** Detaches policies from a builtin user or group; returns the names actually detached (see attachPolicies). */
  detachPolicies(target: PolicyTarget, names: readonly string[], options?: policies.ChangeOptions): Promise<PolicyChange> {
    return policies.detachPolicies(this.transport, target, names, options)
  }

  /** Policy ↔ user/group mappings, optionally filtered by users, groups and policies. */
  policyEntities(
    filter: { users?: readonly string[]; groups?: readonly string[]; policies?: readonly string[] } = {},
  ): Promise<PolicyEntities> {
    return fetchPolicyEntities(this.transport, filter)
  }

  // ── access keys (service accounts) ──
  /** Creates an access key for the caller or `targetUser`; the secret is returned once. */
  createAccessKey(input: NewAccessKey = {}): Promise<CreatedAccessKey> {
    return accessKeys.createAccessKey(this.transport, input)
  }

  /** One access key with its session policy; works for disabled keys. */
  getAccessKey(accessKey: string): Promise<AccessKeyDetails> {
    return accessKeys.getAccessKey(this.transport, accessKey)
  }

  /** The access keys of one user (default: the caller). */
  listAccessKeys(user?: string): Promise<AccessKeyInfo[]> {
    return accessKeys.listAccessKeys(this.transport, user)
  }

  /** Access keys of many users in one call; `'all'` includes root. */
  listAccessKeysBulk(
    usersToList: readonly string[] | 'all',
    type: 'all' | 'svcacc-only' | 'sts-only' = 'all',
  ): Promise<Record<string, AccessKeyList>> {
    return accessKeys.listAccessKeysBulk(this.transport, usersToList, type)
  }

  /** Updates an access key, keeping its session policy unless `update.policy` says otherwise. */
  updateAccessKey(accessKey: string, update: AccessKeyUpdate): Promise<void> {
    return accessKeys.updateAccessKey(this.transport, accessKey, update)
  }

  /** Enables or disables an access key (its session policy is kept). */
  setAccessKeyStatus(accessKey: string, status: EntityStatus): Promise<void> {
    return accessKeys.updateAccessKey(this.transport, accessKey, { status })
  }

  /** Deletes an access key. */
  deleteAccessKey(accessKey: string): Promise<void> {
    return accessKeys.deleteAccessKey(this.transport, accessKey)
  }

  /** Closes idle keep-alive sockets; the client stays usable. */
  close(): void {
    this.transport.close()
  }
}
