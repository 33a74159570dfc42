import { S3_ARN, bucketPart, finding, hasWildcard, resourceCovers, resourceShape, statementNames } from '../helpers.ts'
import type { LintContext, LintFinding, LintFix, LintRule, StatementView, Written } from '../types.ts'

const OBJECT_READS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']

function namesListBucket(statement: StatementView): boolean {
  return statement.actions.some((written) => written.value === 's3:ListBucket' || written.value === 's3:List*')
}

/** A fix that adds `resource` to a statement's Resource, whether it is written as a string or a list. */
function addResourceFix(statement: StatementView, resource: string, title: string): LintFix {
  const written = statement.raw.Resource
  if (Array.isArray(written)) return { title, path: `${statement.path}.Resource[${written.length}]`, value: resource }
  return { title, path: `${statement.path}.Resource`, value: typeof written === 'string' ? [written, resource] : [resource] }
}

/**
 * `list-bucket-via-object-pattern`: ListBucket's resource in an IAM check is `bucket/` (spec §3.1),
 * so `arn:aws:s3:::b/*` grants it only by accident and `arn:aws:s3:::b/home/*` never does.
 */
export const listViaObjectPatternRule: LintRule = {
  id: 'list-bucket-via-object-pattern',
  check: ({ statements }) =>
    statements.filter((statement) => statement.effect === 'Allow' && statement.actions.some((a) => a.value === 's3:ListBucket')).flatMap((statement) => {
      const shapes = statement.resources.map((written) => ({ written, ...resourceShape(written.value) }))
      if (shapes.length === 0 || shapes.some(({ type, pattern }) => type === 'invalid' || !pattern.includes('/') || pattern === '*/*')) return []
      return shapes.slice(0, 1).map(({ written, pattern }) => {
        const bucket = bucketPart(pattern)
        const fix = addResourceFix(statement, `${S3_ARN}${bucket}`, `Add the bucket ARN '${S3_ARN}${bucket}'`)
        return resourceCovers(written.value, `${bucket}/`)
          ? finding('list-bucket-via-object-pattern', 'info', written,
              `s3:ListBucket is granted here only because MinIO checks it against '${bucket}/', which '${written.value}' happens to match; ` +
                `bucket policies reject this pairing. Name the bucket itself: '${S3_ARN}${bucket}'.`, fix)
          : finding('list-bucket-via-object-pattern', 'warning', written,
              `s3:ListBucket is checked against the bucket ('${bucket}/'), which '${written.value}' never matches, so this grants no listing. ` +
                `Use '${S3_ARN}${bucket}' with a StringLike s3:prefix condition to limit listing to a prefix.`, fix)
      })
    }),
}

/** Object prefixes (`home/`) under which `bucket`'s objects are granted, or undefined if granted more widely. */
function grantedPrefixes(statements: StatementView[], bucket: string): string[] | undefined {
  const prefixes: string[] = []
  for (const statement of statements) {
    if (statement.effect !== 'Allow' || !OBJECT_READS.some((action) => statementNames(statement, action))) continue
    for (const { value } of statement.resources) {
      const { type, pattern } = resourceShape(value)
      if (type === 'invalid' || !resourceCovers(value, `${bucket}/x`) && !pattern.startsWith(`${bucket}/`)) continue
      const objectPart = pattern.startsWith(`${bucket}/`) ? pattern.slice(bucket.length + 1) : '*'
      const prefix = objectPart.replace(/[*?$].*$/, '')
      if (prefix === '') return undefined
      prefixes.push(prefix)
    }
  }
  return prefixes.length > 0 ? [...new Set(prefixes)] : undefined
}

/**
 * `prefix-listing-without-condition`: objects are granted only under a prefix, yet ListBucket on
 * the same bucket has no `s3:prefix` condition, so every key name in the bucket can be listed.
 */
export const prefixListingRule: LintRule = {
  id: 'prefix-listing-without-condition',
  check: ({ statements }) =>
    statements.filter((statement) => statement.effect === 'Allow' && namesListBucket(statement) && !statement.conditions.some((c) => c.key === 's3:prefix'))
      .flatMap((statement) => statement.resources.flatMap((written) => {
        const { type, pattern } = resourceShape(written.value)
        if (type !== 's3' || pattern.includes('/') || hasWildcard(pattern)) return []
        const prefixes = grantedPrefixes(statements, pattern)
        if (!prefixes) return []
        const condition = { ...(isRecord(statement.raw.Condition) ? statement.raw.Condition : {}), StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } }
        return [finding('prefix-listing-without-condition', 'warning', written,
          `Lists every key in bucket '${pattern}', although objects are granted only under ${prefixes.map((p) => `'${p}'`).join(', ')}. ` +
            'Add a StringLike condition on s3:prefix so listing matches the object grant.',
          { title: 'Limit listing to the granted prefixes', path: `${statement.path}.Condition`, value: condition })]
      })),
}

function isRecord(value: unknown): value is Record<string, never> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Buckets (by name, or `*`) whose objects some Allow statement lets the principal read. */
function readableBuckets(statements: StatementView[]): Array<{ bucket: string; at: Written }> {
  return statements.filter((statement) => statement.effect === 'Allow' && statementNames(statement, 's3:GetObject')).flatMap((statement) =>
    statement.resources.flatMap((written) => {
      const { type, pattern } = resourceShape(written.value)
      const bucket = bucketPart(pattern)
      if (type === 'invalid' || type === 'kms' || bucket.includes('$') || (hasWildcard(bucket) && bucket !== '*')) return []
      return [{ bucket, at: written }]
    }),
  )
}

/**
 * `readonly-cannot-list`: objects of a bucket can be read but nothing allows s3:ListBucket on it,
 * so clients can fetch known keys yet `mc ls` and the console browser fail (like MinIO's built-in
 * `readonly` policy).
 */
export const readonlyCannotListRule: LintRule = {
  id: 'readonly-cannot-list',
  check: (context: LintContext) => {
    const listers = context.statements.filter((statement) => statement.effect === 'Allow' && statementNames(statement, 's3:ListBucket'))
    const reported = new Set<string>()
    const findings: LintFinding[] = []
    for (const { bucket, at } of readableBuckets(context.statements)) {
      const probe = bucket === '*' ? 'any-bucket/' : `${bucket}/`
      const canList = listers.some((statement) => statement.resources.length === 0 || statement.resources.some((r) => resourceCovers(r.value, probe)))
      if (canList || reported.has(bucket)) continue
      reported.add(bucket)
      const count = Array.isArray(context.document.Statement) ? context.document.Statement.length : 0
      findings.push(finding('readonly-cannot-list', 'info', at,
        `Objects in ${bucket === '*' ? 'every bucket' : `bucket '${bucket}'`} can be read, but nothing allows s3:ListBucket there: ` +
          'clients can fetch keys they already know, but listing (mc ls, the console browser) is denied.',
        { title: 'Allow listing the bucket', path: `Statement[${count}]`, value: { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`${S3_ARN}${bucket}`] } }))
    }
    return findings
  },
}
