/**
 * Checklist items about the connection and the buckets: root credential, plain http, anonymous
 * access, versioning, default encryption, lifecycle rules.
 */
import type { CheckItem, ChecklistInput } from './checklist.types.ts'

type Item = Omit<CheckItem, 'status'>

function item(base: Item): CheckItem {
  return { ...base, status: base.findings.length === 0 ? 'pass' : 'fail' }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export function connectionChecks(input: ChecklistInput): CheckItem[] {
  const isRoot = !input.hasSessionToken && !input.model.users.has(input.accountName)
  const url = new URL(input.endpoint)
  const isPlainRemote = url.protocol === 'http:' && !LOOPBACK.has(url.hostname) && !url.hostname.startsWith('127.')
  return [
    item({
      id: 'root-credential',
      title: 'Dedicated credentials, not root',
      findings: isRoot ? [`The connection signs as '${input.accountName}', the root account (or an access key of root): it bypasses every policy.`] : [],
      why: 'Root credentials (and root access keys without a session policy) can do everything and cannot be narrowed; a leak loses the whole deployment.',
      fix: 'Create an admin user with only the admin actions you need, connect with it (Connections → edit), and keep the root credential offline.',
      screen: 'connections',
    }),
    item({
      id: 'plain-http',
      title: 'HTTPS to remote endpoints',
      findings: isPlainRemote ? [`${input.endpoint} is plain http to a host that is not loopback: credentials and data cross the network unencrypted.`] : [],
      why: 'Over http, request signatures, object data and admin payloads can be read and replayed on the network.',
      fix: 'Serve MinIO over TLS (certs in ~/.minio/certs or a TLS proxy) and change the connection\'s endpoint to https://.',
      screen: 'connections',
    }),
  ]
}

function grantsAnonymous(policy: Record<string, unknown>): string[] {
  const statements = Array.isArray(policy.Statement) ? (policy.Statement as Array<Record<string, unknown>>) : []
  const actions: string[] = []
  for (const statement of statements) {
    const principal = statement.Principal
    const aws = typeof principal === 'object' && principal !== null ? (principal as Record<string, unknown>).AWS : undefined
    const names = [principal, ...(Array.isArray(aws) ? aws : [aws])]
    if (statement.Effect !== 'Allow' || !names.includes('*')) continue
    const listed = statement.Action
    actions.push(...(Array.isArray(listed) ? listed.map(String) : [String(listed)]))
  }
  return actions
}

export function bucketChecks(input: ChecklistInput): CheckItem[] {
  const anonymous = input.buckets.flatMap((bucket) => {
    const actions = bucket.policy ? grantsAnonymous(bucket.policy) : []
    return actions.length > 0 ? [`${bucket.name}: its bucket policy lets anyone (Principal "*") ${[...new Set(actions)].join(', ')}`] : []
  })
  const unversioned = input.buckets.filter((bucket) => bucket.versioning !== 'Enabled').map((bucket) => `${bucket.name}: versioning ${bucket.versioning === 'Suspended' ? 'suspended' : 'off'}`)
  const unencrypted = input.buckets.filter((bucket) => bucket.encryption === null).map((bucket) => `${bucket.name}: no default server-side encryption`)
  const noLifecycle = input.buckets.filter((bucket) => bucket.lifecycleRules === 0).map((bucket) => `${bucket.name}: no lifecycle rules`)
  return [
    item({
      id: 'anonymous-access',
      title: 'No public (anonymous) access to buckets',
      findings: anonymous,
      why: 'A bucket policy granting Principal "*" serves those actions to anyone who can reach the endpoint, with no credentials at all.',
      fix: 'Remove the anonymous statements from the bucket policy (mc anonymous set none ALIAS/BUCKET) and grant access to users or groups instead.',
    }),
    item({
      id: 'versioning',
      title: 'Bucket versioning on',
      findings: unversioned,
      why: 'Without versioning an overwrite or delete (by mistake, a bug or ransomware) destroys data for good.',
      fix: 'Enable versioning on each bucket (mc version enable ALIAS/BUCKET) and pair it with a lifecycle rule that expires old versions.',
    }),
    item({
      id: 'default-encryption',
      title: 'Default server-side encryption',
      findings: unencrypted,
      why: 'Objects written without encryption lie on the drives in plain text; stolen or discarded disks expose them.',
      fix: 'Configure a KMS (KES or MINIO_KMS_SECRET_KEY) and set default encryption per bucket (mc encrypt set sse-s3 ALIAS/BUCKET).',
    }),
    item({
      id: 'lifecycle',
      title: 'Lifecycle rules to control cost',
      findings: noLifecycle,
      why: 'Without lifecycle rules, old versions, incomplete uploads and stale data are kept (and paid for) forever.',
      fix: 'Add lifecycle rules: expire noncurrent versions and abort incomplete multipart uploads (mc ilm rule add ALIAS/BUCKET …).',
    }),
  ]
}

export { item }
