import type { TesterIamState } from '../api/tester.contract.ts'
import type { AdminReader } from './app-services.ts'
import { parseSnapshot } from '../snapshot/snapshot-file.ts'

/**
 * Where the tester's workspace comes from besides pasting: a live user on a connection (read-only
 * admin calls) or an IAM snapshot file. Both produce the same IamState, which the renderer turns
 * into documents and a principal.
 */

type IamState = TesterIamState

/** `tester.listUsers`: the builtin users of a connection. */
export async function listLiveUsers(client: AdminReader): Promise<Array<{ name: string; enabled: boolean }>> {
  const users = await client.listUsers()
  return users.map((user) => ({ name: user.accessKey, enabled: user.status === 'enabled' }))
}

/**
 * `tester.loadPrincipal`: one user, its groups (with status), its access keys and every policy
 * they attach. Group policies come from the policy-entities mapping, because MinIO reports no
 * policy in the info of a disabled group (admin API §4.2) although the mapping still exists.
 */
export async function loadLivePrincipal(client: AdminReader, userName: string, source: string): Promise<IamState> {
  const user = await client.getUser(userName)
  const entities = await client.policyEntities({ users: [userName], ...(user.memberOf.length > 0 ? { groups: user.memberOf } : {}) })
  const mapped = new Map<string, string[]>()
  for (const mapping of entities.userMappings.flatMap((item) => item.memberOf)) mapped.set(mapping.group, mapping.policies)
  for (const mapping of entities.groupMappings) mapped.set(mapping.group, mapping.policies)
  const groups = await Promise.all(
    user.memberOf.map(async (name) => {
      const info = await client.getGroup(name)
      return { name, enabled: info.status === 'enabled', policies: mapped.get(name) ?? info.policies }
    }),
  )
  const names = [...new Set([...user.policies, ...groups.flatMap((group) => group.policies)])]
  const policies = await Promise.all(names.map(async (name) => ({ name, text: prettyJson((await client.getPolicy(name)).document) })))
  const keys = await client.listAccessKeys(userName)
  // The version picks the policy semantics; a credential without admin:ServerInfo just gets the default.
  const info = await client.serverInfo().catch(() => ({ versions: [] as string[] }))
  const accessKeys = await Promise.all(
    keys.map(async (key) => {
      const sessionPolicy = key.impliedPolicy ? undefined : (await client.getAccessKey(key.accessKey)).policy
      return { accessKey: key.accessKey, parentUser: key.parentUser, enabled: key.status === 'enabled', sessionPolicy: sessionPolicy ? prettyJson(sessionPolicy) : null }
    }),
  )
  return {
    source,
    users: [{ name: user.accessKey, enabled: user.status === 'enabled', policies: user.policies, groups: user.memberOf }],
    groups,
    policies,
    accessKeys,
    // getConditionValues: SecureTransport is r.TLS != nil, so the connection's scheme decides it.
    secureTransport: new URL(client.endpoint).protocol === 'https:',
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
