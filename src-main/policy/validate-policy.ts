/**
 * validatePolicy: everything MinIO would say about a document before storing it. First the
 * library's ParseConfig (decode rules §1.2–1.8, then Validate §1.9, in MinIO's order with MinIO's
 * messages), then the server's own rules (§1.11): Version required, size limits, at least one
 * statement, what cannot be re-serialised, and the policy-name rules (admin-api §4.4).
 */
import type { ParsedPolicy } from './model.ts'
import { withSemantics } from './semantics.ts'
import { issueAt, parseWithPolicy } from './parse.ts'
import { marshalledSize, storageProblems } from './serialize.ts'
import { utf8Length } from './text/utf8.ts'
import type { Issue, ParseResult, PolicyDocument, ValidateOptions } from './types.ts'
import { validateParsedPolicy } from './validate-minio.ts'

/** Canned policies and bucket policies: request Content-Length ≤ 20 KiB. */
export const CANNED_POLICY_MAX_BYTES = 20480
/** Access-key (service-account) session policy: re-serialised size ≤ 4096 bytes. */
export const SESSION_POLICY_MAX_BYTES = 4096

/** Policy-name rules the server enforces (no comma, no surrounding whitespace, not empty, no `.`/`..` segments). */
export function validatePolicyName(name: string): Issue[] {
  const issues: Issue[] = []
  const error = (message: string): void => void issues.push({ path: '', message, severity: 'error' })
  if (name === '') error('A policy name cannot be empty.')
  if (name.includes(',')) error(`The policy name '${name}' contains a comma: MinIO uses commas to attach several policies at once. Remove it.`)
  if (name !== name.trim()) error(`The policy name '${name}' starts or ends with whitespace, which MinIO rejects. Trim it.`)
  if (name.split('/').some((segment) => segment === '.' || segment === '..')) error(`The policy name '${name}' contains a '.' or '..' path segment, which MinIO rejects.`)
  if (/[/\\=]/.test(name)) issues.push({ path: '', message: `The policy name '${name}' contains '/', '\\' or '='; MinIO stores names as path components, so prefer letters, digits and . _ @ + -.`, severity: 'warning' })
  if (utf8Length(name) > 128) issues.push({ path: '', message: `The policy name is ${utf8Length(name)} bytes; keep it under 128 so it stays a valid path component on every drive.`, severity: 'warning' })
  return issues
}

function isEmptySessionPolicy(policy: ParsedPolicy): boolean {
  return policy.version === '' && policy.id === '' && policy.statements.length === 0
}

function serverRules(result: ParseResult, policy: ParsedPolicy, text: string, options: ValidateOptions): Issue[] {
  const issues: Issue[] = []
  if (options.kind === 'canned') {
    if (policy.version === '') issues.push(issueAt(result, 'Version', 'The policy must contain a valid version string: add "Version": "2012-10-17".', 'error'))
    if (policy.statements.length === 0) issues.push(issueAt(result, 'Statement', 'A canned policy needs at least one statement; MinIO refuses an empty one ("Invalid arguments specified").', 'error'))
    const size = utf8Length(text)
    if (size > CANNED_POLICY_MAX_BYTES) issues.push(issueAt(result, '', `The policy is ${size} bytes; MinIO accepts at most ${CANNED_POLICY_MAX_BYTES} bytes (20 KiB) for a canned policy (EntityTooLarge). Split it into several policies.`, 'error'))
  } else if (isEmptySessionPolicy(policy)) {
    issues.push(issueAt(result, '', 'An empty session policy means "no session policy": the access key inherits its parent\'s permissions.', 'warning'))
    return issues
  }
  for (const problem of storageProblems(policy)) issues.push(issueAt(result, problem.path, problem.message, 'error'))
  if (options.kind === 'session' && issues.length === 0) {
    const size = marshalledSize(policy)
    if (size > SESSION_POLICY_MAX_BYTES) {
      issues.push(issueAt(result, '', `Session policy should not exceed ${SESSION_POLICY_MAX_BYTES} characters: MinIO stores it as ${size} bytes after re-serialising it. Shorten it.`, 'error'))
    }
  }
  return issues
}

/**
 * Validates a document (text, or an object) as MinIO would before storing it. Returns issues with
 * JSON paths and, for text input, line:column; an empty list means MinIO accepts it. Never throws.
 */
export function validatePolicy(input: string | PolicyDocument, options: ValidateOptions): Issue[] {
  return withSemantics(options.semantics, () => validateIn(input, options))
}

function validateIn(input: string | PolicyDocument, options: ValidateOptions): Issue[] {
  const text = typeof input === 'string' ? input : JSON.stringify(input)
  const { result, policy } = parseWithPolicy(text)
  const issues = [...result.issues]
  if (options.name !== undefined) issues.push(...validatePolicyName(options.name))
  if (policy === undefined) return issues
  const failure = validateParsedPolicy(policy)
  if (failure !== undefined) return [...issues, issueAt(result, failure.path, failure.message, 'error')]
  return [...issues, ...serverRules(result, policy, text, options)]
}
