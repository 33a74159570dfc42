import { mapBounded } from '../shared/bounded-map.ts'
import type { IamReader } from './iam-session.ts'
import type { IamState } from './tester.types.ts'
import { readUserPrincipal } from './user-principal.ts'
import { parseSnapshot } from '../snapshot/snapshot-file.ts'

/**
 * Where the tester's workspace comes from besides pasting: a live user on a connection (the IAM
 * session's reads) or an IAM snapshot file. Both produce the same IamState, which the renderer turns
 * into documents and a principal.
 */

/** Reads at once for a principal's policies and access keys (some are encrypted: Argon2 each). */
const READS_AT_ONCE = 4

/**
 * `tester.loadPrincipal`: one user, its groups (with status and the policies each brings, read by
 * readUserPrincipal as users.get reads them), its access keys and every policy they attach, from
 * the session's reads. AppFailure of the first read that fails (NOT_FOUND for an unknown user).
 */
export async function loadLivePrincipal(reader: IamReader, userName: string): Promise<IamState> {
  const { user, groups } = await readUserPrincipal(reader, userName)
  const names = [...new Set([...user.policies, ...groups.flatMap((group) => group.policies)])]
  const policies = await mapBounded(names, READS_AT_ONCE, async (name) => ({ name, text: prettyJson((await reader.getPolicy(name)).document) }))
  const keys = await reader.listAccessKeys(userName)
  // The version picks the policy semantics; a credential without admin:ServerInfo just gets the default.
  const info = await reader.serverInfo().catch(() => ({ versions: [] as string[] }))
  const accessKeys = await mapBounded(keys, READS_AT_ONCE, async (key) => {
    const sessionPolicy = key.impliedPolicy ? undefined : (await reader.getAccessKey(key.accessKey)).policy
    return { accessKey: key.accessKey, parentUser: key.parentUser, enabled: key.status === 'enabled', sessionPolicy: sessionPolicy ? prettyJson(sessionPolicy) : null }
  })
  return {
    source: `${reader.endpoint} (user ${userName})`,
    users: [{ name: user.accessKey, enabled: user.status === 'enabled', policies: user.policies, groups: user.memberOf }],
    groups: groups.map((group) => ({ name: group.name, enabled: group.status === 'enabled', policies: group.policies })),
    policies,
    accessKeys,
    // getConditionValues: SecureTransport is r.TLS != nil, so the connection's scheme decides it.
    secureTransport: new URL(reader.endpoint).protocol === 'https:',
    ...(info.versions[0] ? { serverVersion: info.versions[0] } : {}),
  }
}

/**
 * `tester.loadSnapshot`: a Gatehouse IAM snapshot (validated by the snapshot module, which throws
 * INVALID_INPUT naming what is wrong; built-in policies are carried like any other) as IamState.
 */
export function iamStateFromSnapshot(text: string, fileName: string): IamState {
  const snapshot = parseSnapshot(text, fileName)
  const policies = snapshot.policies.map((policy) => ({ name: policy.name, text: prettyJson(policy.document) }))
  return {
    source: fileName,
    users: snapshot.users.map((user) => ({ name: user.accessKey, enabled: user.status === 'enabled', policies: user.policies, groups: user.memberOf })),
    groups: snapshot.groups.map((group) => ({ name: group.name, enabled: group.status === 'enabled', policies: group.policies })),
    policies,
    accessKeys: snapshot.accessKeys.map((key) => ({
      accessKey: key.accessKey,
      parentUser: key.parentUser,
      enabled: key.status === 'enabled',
      sessionPolicy: key.sessionPolicy ? prettyJson(key.sessionPolicy) : null,
    })),
  }
}

function prettyJson(document: unknown): string {
  return JSON.stringify(document, null, 2)
}
