import type { ChannelInput } from '../../../src-main/api/contract.ts'
import type { TesterIamState } from '../../../src-main/api/tester.contract.ts'

/** Where a workspace document is attached: `user`, `group:<name>` or `session` (the access key's policy). */
export type Attachment = 'user' | 'session' | `group:${string}`

export interface WorkspaceDocument {
  id: string
  name: string
  text: string
  attachedTo: Attachment[]
}

export interface ConditionRow {
  id: number
  key: string
  value: string
}

/** The S3 request's own fields as the form holds them (text; empty = not sent). */
export interface OperationFields {
  versionId: string
  /** `k=v&k2=v2`: the tags the request writes, and the tags the object has on the server. */
  tags: string
  storedTags: string
  sourceBucket: string
  sourceKey: string
  prefix: string
  delimiter: string
  maxKeys: string
  /** Comma-separated bucket names on the server (ListBuckets). */
  buckets: string
  /** Whether prefix / delimiter / max-keys are in the query at all (the SDKs send prefix and delimiter, even empty). */
  sendPrefix: boolean
  sendDelimiter: boolean
}

export type AuthType = 'signed-v4' | 'presigned-v4' | 'streaming-v4' | 'post-policy' | 'signed-v2' | 'presigned-v2'

export interface TransportFields {
  secureTransport: boolean
  sourceIp: string
  authType: AuthType
  userAgent: string
  referer: string
}

/** Everything the tester evaluates, as the screen holds it. */
export interface Workspace {
  documents: readonly WorkspaceDocument[]
  userName: string
  groups: ReadonlyArray<{ name: string; enabled: boolean }>
  hasAccessKey: boolean
  isRoot: boolean
  isOwner: boolean
  action: string
  bucket: string
  object: string
  conditions: readonly ConditionRow[]
  /** '' asks for the action alone; otherwise an S3 operation (GetObject, ListBuckets, …). */
  operation: string
  fields: OperationFields
  transport: TransportFields
  /** The picked semantics line ('' = default) and a live principal's server version. */
  semantics: { id: string; serverVersion: string | null }
}

function tagsOf(text: string): Record<string, string> | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : Object.fromEntries(new URLSearchParams(trimmed))
}

function operationInput(workspace: Workspace) {
  const { fields } = workspace
  const tags = tagsOf(fields.tags)
  const storedTags = tagsOf(fields.storedTags)
  const kind = workspace.operation as NonNullable<ChannelInput<'tester.evaluate'>['request']['operation']>['kind']
  const isList = kind.startsWith('List') && kind !== 'ListBuckets'
  return {
    kind,
    ...(fields.versionId.trim() ? { versionId: fields.versionId.trim() } : {}),
    ...(tags ? { tags } : {}),
    ...(storedTags ? { storedTags } : {}),
    ...(kind === 'CopyObject' ? { source: { bucket: fields.sourceBucket.trim(), key: fields.sourceKey } } : {}),
    ...(isList && fields.sendPrefix ? { prefix: fields.prefix } : {}),
    ...(isList && fields.sendDelimiter ? { delimiter: fields.delimiter } : {}),
    ...(isList && fields.maxKeys.trim() ? { maxKeys: fields.maxKeys.trim() } : {}),
    ...(kind === 'ListBuckets' ? { buckets: fields.buckets.split(',').map((name) => name.trim()).filter(Boolean) } : {}),
  }
}

function transportInput(transport: TransportFields) {
  const headers: Record<string, string[]> = {}
  if (transport.userAgent.trim()) headers['User-Agent'] = [transport.userAgent.trim()]
  if (transport.referer.trim()) headers.Referer = [transport.referer.trim()]
  return { secureTransport: transport.secureTransport, sourceIp: transport.sourceIp.trim(), authType: transport.authType, headers, query: {} }
}

/** The `tester.evaluate` input: documents by id, attachments resolved, same-key rows merged into one key. */
export function evaluateInput(workspace: Workspace): ChannelInput<'tester.evaluate'> {
  const attached = (attachment: Attachment) =>
    workspace.documents.filter((document) => document.attachedTo.includes(attachment)).map((document) => document.id)
  const conditions: Record<string, string[]> = {}
  for (const row of workspace.conditions) {
    const key = row.key.trim()
    if (key) conditions[key] = [...(conditions[key] ?? []), row.value]
  }
  return {
    documents: workspace.documents.map(({ id, name, text }) => ({ id, name, text })),
    principal: {
      userName: workspace.userName.trim(),
      userPolicies: attached('user'),
      groups: workspace.groups.map((group) => ({ name: group.name, enabled: group.enabled, policies: attached(`group:${group.name}`) })),
      ...(workspace.hasAccessKey ? { accessKey: { sessionPolicy: attached('session')[0] ?? null } } : {}),
      isRoot: workspace.isRoot,
      isOwner: workspace.isOwner,
    },
    request: {
      action: workspace.operation === '' ? workspace.action.trim() : workspace.operation,
      bucket: workspace.bucket.trim(),
      object: workspace.object,
      conditions,
      ...(workspace.operation === '' ? {} : { operation: operationInput(workspace) }),
      transport: transportInput(workspace.transport),
      semantics: {
        ...(workspace.semantics.id ? { id: workspace.semantics.id } : {}),
        ...(workspace.semantics.serverVersion ? { serverVersion: workspace.semantics.serverVersion } : {}),
      },
    },
  }
}

export interface LoadedPrincipal {
  documents: Array<Omit<WorkspaceDocument, 'id'>>
  userName: string
  groups: Array<{ name: string; enabled: boolean }>
  hasAccessKey: boolean
  source: string
}

/**
 * One principal of a loaded IAM state (`user:<name>` or `key:<accessKey>`) as workspace parts: each
 * policy once, attached where the user and its groups attach it, plus a key's session policy.
 * Null when the principal is not in the state.
 */
export function principalWorkspace(state: TesterIamState, principal: string): LoadedPrincipal | null {
  const key = principal.startsWith('key:') ? state.accessKeys.find((item) => item.accessKey === principal.slice(4)) : undefined
  const user = state.users.find((item) => item.name === (key ? key.parentUser : principal.replace(/^user:/, '')))
  if (!user) return null
  const groups = user.groups.map((name) => state.groups.find((group) => group.name === name) ?? { name, enabled: true, policies: [] })
  const documents: LoadedPrincipal['documents'] = []
  const attach = (policy: string, to: Attachment) => {
    const existing = documents.find((document) => document.name === policy)
    if (existing) existing.attachedTo.push(to)
    else documents.push({ name: policy, text: state.policies.find((item) => item.name === policy)?.text ?? '', attachedTo: [to] })
  }
  for (const policy of user.policies) attach(policy, 'user')
  for (const group of groups) for (const policy of group.policies) attach(policy, `group:${group.name}`)
  if (key?.sessionPolicy) documents.push({ name: `session policy of ${key.accessKey}`, text: key.sessionPolicy, attachedTo: ['session'] })
  return {
    documents,
    userName: user.name,
    groups: groups.map(({ name, enabled }) => ({ name, enabled })),
    hasAccessKey: key !== undefined,
    source: `${state.source}: ${key ? `access key ${key.accessKey} of ${user.name}` : `user ${user.name}`}`,
  }
}
