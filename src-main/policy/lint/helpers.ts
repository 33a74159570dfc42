import { matchWildcard } from '../text/wildcard.ts'
import type { LintFinding, LintSeverity, StatementView, Written } from './types.ts'

export const S3_ARN = 'arn:aws:s3:::'
export const KMS_ARN = 'arn:minio:kms:::'

/** A resource string split as MinIO parses it (spec §1.6): its type and the pattern matched. */
export interface ResourceShape {
  type: 'all' | 's3' | 'kms' | 'invalid'
  pattern: string
}

/** Splits a resource string the way MinIO v3.1.3 does, including the `*bucket` and bare-ARN quirks. */
export function resourceShape(text: string): ResourceShape {
  if (text === '*' || text === S3_ARN || text === KMS_ARN) return { type: 'all', pattern: text }
  if (text.startsWith(S3_ARN)) return { type: 's3', pattern: text.slice(S3_ARN.length) }
  if (text.startsWith(KMS_ARN)) return { type: 'kms', pattern: text.slice(KMS_ARN.length) }
  if (text.startsWith('*')) return { type: 'all', pattern: text.slice(1) }
  return { type: 'invalid', pattern: text }
}

/** The bucket part of a resource pattern: everything before the first `/`. */
export function bucketPart(pattern: string): string {
  const slash = pattern.indexOf('/')
  return slash < 0 ? pattern : pattern.slice(0, slash)
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?')
}

/** Whether an action pattern as written covers a request action (with MinIO's one implied action). */
export function actionCovers(pattern: string, action: string): boolean {
  return matchWildcard(pattern, action) || (pattern === 's3:GetObjectVersion' && action === 's3:GetObject')
}

/** Whether any action written in the statement's Action covers `action` (NotAction is not a grant list). */
export function statementNames(statement: StatementView, action: string): boolean {
  return statement.actions.some((written) => actionCovers(written.value, action))
}

/** Whether a resource pattern (as MinIO matches it, ignoring variables) matches a request resource. */
export function resourceCovers(resource: string, requestResource: string): boolean {
  const { type, pattern } = resourceShape(resource)
  return type !== 'invalid' && (pattern === requestResource.replace(/\/$/, '') || matchWildcard(pattern, requestResource))
}

export function isAllow(statement: StatementView): boolean {
  return statement.effect === 'Allow'
}

/** Shorthand for building a finding. */
export function finding(id: string, severity: LintSeverity, at: Written | { path: string }, message: string, fix?: LintFinding['fix']): LintFinding {
  return fix ? { id, severity, message, path: at.path, fix } : { id, severity, message, path: at.path }
}
