/** Public value types of the admin client. Plain data: safe to serialise, never a secret unless named so. */

/** Users and groups say enabled/disabled; access keys say on/off on the wire and are normalised to this. */
export type EntityStatus = 'enabled' | 'disabled'

/** A policy document as parsed JSON (MinIO re-serialises: arrays come back in any order). */
export type PolicyDocument = Record<string, unknown>

export interface UserInfo {
  accessKey: string
  status: EntityStatus
  /** Policies attached to the user directly (not through groups). */
  policies: string[]
  /** Groups the user belongs to, sorted. */
  memberOf: string[]
  /** When the user's policy mapping last changed (ISO 8601); absent when it has none. */
  policyUpdatedAt?: string
}

export interface GroupInfo {
  name: string
  status: EntityStatus
  members: string[]
  /** Attached policies. MinIO reports none for a disabled group even when mapped (§4.2). */
  policies: string[]
  updatedAt?: string
}

export interface PolicyInfo {
  name: string
  document: PolicyDocument
  /** Absent for built-in policies never overridden. */
  createdAt?: string
  updatedAt?: string
}

/** Who a policy is attached to or detached from: exactly one builtin user or group. */
export type PolicyTarget = { user: string } | { group: string }

export interface PolicyChange {
  /** The policies that actually changed (already attached / not attached ones are left out). */
  policies: string[]
  updatedAt?: string
}

export interface PolicyEntities {
  timestamp?: string
  userMappings: { user: string; policies: string[]; memberOf: { group: string; policies: string[] }[] }[]
  groupMappings: { group: string; policies: string[] }[]
  policyMappings: { policy: string; users: string[]; groups: string[] }[]
}

/** An access key (MinIO service account) without its secret. */
export interface AccessKeyInfo {
  accessKey: string
  parentUser: string
  status: EntityStatus
  name?: string
  description?: string
  /** ISO 8601; absent when the key never expires. */
  expiresAt?: string
  /** True when the key inherits its parent's policies; false when a session policy restricts it. */
  impliedPolicy: boolean
}

export interface AccessKeyDetails extends AccessKeyInfo {
  /** The session policy when `impliedPolicy` is false; otherwise the parent's effective policy. */
  policy?: PolicyDocument
}

export interface NewAccessKey {
  /** Key owner; defaults to the connected credential. */
  targetUser?: string
  /** Both or neither; MinIO generates them when omitted (20 / 40 characters). */
  accessKey?: string
  secretKey?: string
  /** Session policy restricting the key; omit to inherit the owner's policies. */
  policy?: PolicyDocument
  name?: string
  description?: string
  /** ISO 8601, between now + 15 min and now + 365 days (MinIO's range). */
  expiresAt?: string
}

/** The one time a secret comes back: show it once, never log or audit it. */
export interface CreatedAccessKey {
  accessKey: string
  secretKey: string
  expiresAt?: string
}

export interface AccessKeyUpdate {
  secretKey?: string
  status?: EntityStatus
  name?: string
  description?: string
  expiresAt?: string
  /**
   * undefined keeps the current session policy (it is re-sent, §4.8); a document replaces it;
   * null removes it so the key inherits its owner's policies again.
   */
  policy?: PolicyDocument | null
}

/** What the bulk listing tells about a key: MinIO fills only these fields there. */
export interface AccessKeySummary {
  accessKey: string
  expiresAt?: string
}

export interface AccessKeyList {
  serviceAccounts: AccessKeySummary[]
  stsKeys: AccessKeySummary[]
}

export interface AccountInfo {
  /** The user the credential acts for (the parent for access keys and STS). */
  accountName: string
  /** The effective policy of that user (without an access key's session policy, §4.6). */
  policy: PolicyDocument
  buckets: {
    name: string
    canRead: boolean
    canWrite: boolean
    objects: number
    sizeBytes: number
    createdAt?: string
  }[]
}
