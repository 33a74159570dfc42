import { S3_ARN, KMS_ARN, finding, resourceCovers, resourceShape } from '../helpers.ts'
import type { LintFinding, LintRule, StatementView } from '../types.ts'

// Actions whose request resource is `/` (no bucket): ListAllMyBuckets and server-wide listen.
const SERVICE_ACTIONS = ['s3:ListAllMyBuckets', 's3:ListenNotification']
const OBJECT_ACTION = /^s3:(Get|Put|Delete)Object[A-Za-z]*$|^s3:(AbortMultipartUpload|RestoreObject|ListMultipartUploadParts)$/

function isPlainS3(statement: StatementView): boolean {
  return statement.actions.length > 0 && statement.actions.every((written) => written.value.startsWith('s3:') && !written.value.includes('*') && !written.value.includes('?'))
}

/** Resources that no IAM request can match: the bare ARN prefix is parsed as a literal pattern. */
function bareArnFindings(statement: StatementView): LintFinding[] {
  return [...statement.resources, ...statement.notResources]
    .filter((written) => written.value === S3_ARN || written.value === KMS_ARN)
    .map((written) => finding('never-matches', 'warning', written,
      `'${written.value}' alone matches nothing: MinIO v3.1.3 reads it as the literal pattern '${written.value}'. Write '${written.value}*' for everything.`,
      { title: `Use '${written.value}*'`, path: written.path, value: `${written.value}*` }))
}

/** Only service-level actions (request resource `/`), but no Resource that matches `/`. */
function serviceFindings(statement: StatementView): LintFinding[] {
  if (!isPlainS3(statement) || statement.resources.length === 0) return []
  if (!statement.actions.every((written) => SERVICE_ACTIONS.includes(written.value))) return []
  if (statement.resources.some((written) => resourceCovers(written.value, '/'))) return []
  return [finding('never-matches', 'warning', { path: `${statement.path}.Resource` },
    `${statement.actions.map((a) => a.value).join(', ')} is checked without a bucket (resource '/'), which none of these resources matches, so the statement never applies. Use '${S3_ARN}*'.`)]
}

/** Only object actions, but every Resource names a bucket without an object part. */
function objectOnBucketFindings(statement: StatementView): LintFinding[] {
  if (!isPlainS3(statement) || statement.resources.length === 0) return []
  if (!statement.actions.every((written) => OBJECT_ACTION.test(written.value))) return []
  const shapes = statement.resources.map((written) => resourceShape(written.value))
  if (!shapes.every(({ type, pattern }) => type === 's3' && !pattern.includes('/') && !/[*?$]/.test(pattern))) return []
  const first = shapes[0]?.pattern ?? ''
  return [finding('never-matches', 'warning', statement.resources[0] ?? { path: statement.path },
    `Object actions are checked against 'bucket/object', which a bare bucket ARN never matches, so this statement never applies. Use '${S3_ARN}${first}/*'.`,
    { title: `Use '${S3_ARN}${first}/*'`, path: statement.resources[0]?.path ?? statement.path, value: `${S3_ARN}${first}/*` })]
}

/** Bool compares MinIO's "true"/"false" with the written text byte for byte (spec §4.4). */
function boolFindings(statement: StatementView): LintFinding[] {
  return statement.conditions
    .filter((condition) => condition.operator.endsWith('Bool'))
    .flatMap((condition) => condition.values.flatMap((value, index) =>
      typeof value === 'string' && value !== 'true' && value !== 'false'
        ? [finding('never-matches', 'warning', { path: condition.valuePaths[index] ?? condition.path },
            `Bool compares the request's "true"/"false" with '${value}' as written, so this condition never holds. Write true or false.`,
            { title: 'Use a JSON boolean', path: condition.valuePaths[index] ?? condition.path, value: ['1', 't', 'T', 'TRUE', 'True'].includes(value) })]
        : [],
    ))
}

/**
 * `never-matches`: statements (or parts of them) that cannot apply to any request MinIO makes:
 * bare ARN prefixes, service-level actions on bucket resources, object actions on bucket ARNs and
 * Bool conditions written as strings other than "true"/"false".
 */
export const neverMatchesRule: LintRule = {
  id: 'never-matches',
  check: ({ statements }) =>
    statements.flatMap((statement) => [
      ...bareArnFindings(statement),
      ...serviceFindings(statement),
      ...objectOnBucketFindings(statement),
      ...boolFindings(statement),
    ]),
}
