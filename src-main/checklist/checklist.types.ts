/** The storage-security checklist (seed: storage-security guide), as data the CLI and the app show. */
import type { DeploymentModel } from '../access/deployment.ts'
import type { BucketFacts } from '../storage/bucket-reader.ts'

export type CheckId =
  | 'root-credential'
  | 'plain-http'
  | 'anonymous-access'
  | 'versioning'
  | 'default-encryption'
  | 'lifecycle'
  | 'access-key-expiry'
  | 'full-access'
  | 'broad-policies'

/** The screen of the app that fixes an item. */
export type FixScreen = 'connections' | 'users' | 'groups' | 'policies' | 'access-keys'

export interface CheckItem {
  id: CheckId
  title: string
  status: 'pass' | 'fail'
  /** What failed, one line each (empty on pass). */
  findings: string[]
  why: string
  fix: string
  /** Absent when no screen of the app fixes it (bucket settings: the fix names the mc command). */
  screen?: FixScreen
  /** A policy to start from, when the fix is one (the minimal bucket + prefix template). */
  template?: Record<string, unknown>
}

export interface ChecklistInput {
  endpoint: string
  /** The account the connection acts for (accountinfo's accountName). */
  accountName: string
  /** Temporary (STS) credentials are never root's. */
  hasSessionToken: boolean
  model: DeploymentModel
  buckets: readonly BucketFacts[]
  now: Date
  /** Access keys must expire within this many days. */
  rotationDays: number
}
