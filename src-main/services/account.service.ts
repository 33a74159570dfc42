import type { PolicyDocument } from '../minio/index.ts'
import type { IamReader } from './iam-session.ts'
import { CAPABILITIES, type AccountView, type Capability } from './iam-names.ts'

/** The connected account: who it is and what the screens may offer it. */

type Statement = { Effect?: unknown; Action?: unknown; NotAction?: unknown; Condition?: unknown }

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

// MinIO's action patterns are globs: `*` any run, `?` one character, case-sensitive.
function matches(pattern: string, action: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${regex}$`).test(action)
}

function statementCovers(statement: Statement, action: string): boolean {
  if (statement.Action !== undefined) return list(statement.Action).some((pattern) => matches(pattern, action))
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((pattern) => matches(pattern, action))
  return false
}

/**
 * A cheap reading of an effective policy, for hiding buttons only (the server still decides):
 * an action is allowed when an Allow statement covers it and no unconditional Deny does. A
 * conditional Allow counts as allowed, so nothing is hidden that might work. Admin statements
 * ignore Resource in MinIO (§4.5), so resources are not looked at.
 */
export function capabilitiesOf(policy: PolicyDocument): Record<Capability, boolean> {
  const statements = (Array.isArray(policy['Statement']) ? policy['Statement'] : []) as Statement[]
  const allows = statements.filter((statement) => statement.Effect === 'Allow')
  const denies = statements.filter((statement) => statement.Effect === 'Deny' && statement.Condition === undefined)
  const entries = Object.entries(CAPABILITIES).map(([capability, action]) => [
    capability,
    allows.some((statement) => statementCovers(statement, action)) && !denies.some((statement) => statementCovers(statement, action)),
  ])
  return Object.fromEntries(entries) as Record<Capability, boolean>
}

/** `account.info`: account info is allowed to any valid credential (§3.1 row 27). */
export async function accountView(reader: IamReader): Promise<AccountView> {
  const info = await reader.accountInfo()
  return { accountName: info.accountName, accessKey: reader.actor, can: capabilitiesOf(info.policy) }
}
