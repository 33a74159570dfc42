import { S3_ARN, bucketPart, finding, hasWildcard, resourceShape } from '../helpers.ts'
import type { LintFinding, LintRule, StatementView, Written } from '../types.ts'

/**
 * `bucket-wildcard-spans-buckets`: a wildcard in the bucket part (`arn:aws:s3:::data*`) also
 * matches other buckets (`database`, `data-backup`) and every object in them, because `*` crosses
 * `/` (spec §3.5; MinIO's docs warn about this). A bucket part that is only `*` is deliberate.
 */
export const bucketWildcardRule: LintRule = {
  id: 'bucket-wildcard-spans-buckets',
  check: ({ statements }) => statements.flatMap((statement) => statement.resources.flatMap((written) => checkBucket(statement, written))),
}

function checkBucket(statement: StatementView, written: Written): LintFinding[] {
  const { type, pattern } = resourceShape(written.value)
  if (type !== 's3') return []
  const bucket = bucketPart(pattern)
  if (!hasWildcard(bucket) || /^\*+$/.test(bucket) || bucket.includes('${')) return []
  const literal = bucket.replace(/[*?].*$/, '')
  const severity = statement.effect === 'Allow' ? 'warning' : 'info'
  const message =
    `'${written.value}' has a wildcard in the bucket name, so it also matches other buckets that start with ` +
    `'${literal}' (for example '${literal}-backup') and all of their objects: in MinIO '*' crosses '/'.`
  // Only the plain `name*` form has an unambiguous rewrite: the bucket itself and its objects.
  const fixable = pattern === `${literal}*` && literal.length > 0 && !written.path.endsWith(']')
  return [finding('bucket-wildcard-spans-buckets', severity, written, message, fixable
    ? { title: `Limit to bucket '${literal}' and its objects`, path: written.path, value: [`${S3_ARN}${literal}`, `${S3_ARN}${literal}/*`] }
    : pattern === `${literal}*` && literal.length > 0
      ? { title: `Limit to the objects of bucket '${literal}'`, path: written.path, value: `${S3_ARN}${literal}/*` }
      : undefined)]
}

/**
 * `star-prefixed-resource`: MinIO parses `*name` as "any type, pattern `name`" (spec §1.6 rule 4),
 * so `*bucket` matches only the bucket called `bucket`, not `mybucket` as it appears to.
 */
export const starPrefixedRule: LintRule = {
  id: 'star-prefixed-resource',
  check: ({ statements }) =>
    statements.flatMap((statement) =>
      [...statement.resources, ...statement.notResources].flatMap((written) => {
        const text = written.value
        if (!text.startsWith('*') || text === '*' || text === '**') return []
        const { pattern } = resourceShape(text)
        return [finding('star-prefixed-resource', 'warning', written,
          `'${text}' does not mean "anything ending in ${text.slice(1)}": MinIO drops the leading '*' and matches the pattern '${pattern}' only. ` +
            `Write '${S3_ARN}*${text.slice(1)}' for a suffix match.`,
          { title: `Use '${S3_ARN}*${text.slice(1)}'`, path: written.path, value: `${S3_ARN}*${text.slice(1)}` })]
      }),
    ),
}
