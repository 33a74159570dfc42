/**
 * MinIO's Policy.Validate (v3.1.3, §1.9): the Version check, then each statement in order; the
 * first error wins. Messages are MinIO's. Where Go iterates a map (random order) we use sorted order.
 */
import { allowedKeysForS3Pattern, isAdminAction, isKmsAction, isStsAction, isValidS3ActionPattern } from './action.ts'
import { ADMIN_KEYS, STS_KEYS } from './conditions/keys.ts'
import type { DecodeFailure, ParsedPolicy, ParsedStatement } from './model.ts'
import { isValidResource, type ParsedResource } from './resource.ts'
import { activeSemantics } from './semantics.ts'

const ADMIN_KEY_SET = new Set(ADMIN_KEYS)
const STS_KEY_SET = new Set(STS_KEYS)

/** `unsupported condition keys '[...]' used for action '<a>'` when a key's name is not allowed. */
function checkKeys(statement: ParsedStatement, action: string, allowed: ReadonlySet<string>): string | undefined {
  const outside = new Set<string>()
  for (const condition of statement.conditions) if (!allowed.has(condition.key.name)) outside.add(condition.key.full)
  if (outside.size === 0) return undefined
  return `unsupported condition keys '[${[...outside].join(' ')}]' used for action '${action}'`
}

function checkResources(resources: ParsedResource[], kind: 'S3' | 'KMS'): string | undefined {
  for (const resource of resources) {
    const isRightType = kind === 'S3' ? resource.type !== 'KMS' : resource.type !== 'S3'
    if (!isRightType) return `resource '${resource.text}' type is not ${kind}`
    if (!isValidResource(resource)) return 'invalid resource'
  }
  return undefined
}

/**
 * Every action must be one its service knows (`unsupported <what> '<a>'`), then, action by action,
 * every condition key one that action allows: the tail of MinIO's admin, STS and S3 checks alike.
 */
function checkActions(statement: ParsedStatement, isKnown: (action: string) => boolean, what: string, keysFor: (action: string) => ReadonlySet<string>): DecodeFailure | undefined {
  for (const action of statement.actions) {
    if (!isKnown(action)) return { message: `unsupported ${what} '${action}'`, path: 'Action' }
  }
  for (const action of statement.actions) {
    const problem = checkKeys(statement, action, keysFor(action))
    if (problem !== undefined) return { message: problem, path: 'Condition' }
  }
  return undefined
}

function validateAdmin(statement: ParsedStatement): DecodeFailure | undefined {
  return checkActions(statement, isAdminAction, 'admin action', () => ADMIN_KEY_SET)
}

function validateSts(statement: ParsedStatement): DecodeFailure | undefined {
  return checkActions(statement, isStsAction, 'STS action', () => STS_KEY_SET)
}

function validateKms(statement: ParsedStatement): DecodeFailure | undefined {
  for (const action of statement.actions) {
    if (!isKmsAction(action)) return { message: `unsupported KMS action '${action}'`, path: 'Action' }
  }
  // minio/pkg before v3.0.8: a KMS statement's Resource was not checked (nor used).
  if (!activeSemantics().kmsResources) return undefined
  const problem = checkResources(statement.resources, 'KMS')
  if (problem !== undefined) return { message: problem, path: 'Resource' }
  const notProblem = checkResources(statement.notResources, 'KMS')
  return notProblem === undefined ? undefined : { message: notProblem, path: 'NotResource' }
}

function validateS3(statement: ParsedStatement): DecodeFailure | undefined {
  if (statement.resources.length === 0 && statement.notResources.length === 0) return { message: 'Resource must not be empty', path: '' }
  if (statement.resources.length > 0 && statement.notResources.length > 0) {
    return { message: 'Resource and NotResource cannot be specified in the same statement', path: '' }
  }
  const problem = checkResources(statement.resources, 'S3')
  if (problem !== undefined) return { message: problem, path: 'Resource' }
  const notProblem = checkResources(statement.notResources, 'S3')
  if (notProblem !== undefined) return { message: notProblem, path: 'NotResource' }
  return checkActions(statement, isValidS3ActionPattern, 'action', allowedKeysForS3Pattern)
}

/** Statement.isValid; the returned path is relative to the statement (`Action`, `Condition`, ...). */
export function validateStatement(statement: ParsedStatement): DecodeFailure | undefined {
  if (statement.effect !== 'Allow' && statement.effect !== 'Deny') return { message: `invalid Effect ${statement.effect}`, path: 'Effect' }
  if (statement.actions.length === 0 && statement.notActions.length === 0) return { message: 'Action must not be empty', path: '' }
  if (statement.actions.length > 0 && statement.notActions.length > 0) {
    return { message: 'Action and NotAction cannot be specified in the same statement', path: '' }
  }
  if (statement.kind === 'admin') return validateAdmin(statement)
  if (statement.kind === 'sts') return validateSts(statement)
  if (statement.kind === 'kms') return validateKms(statement)
  return validateS3(statement)
}

/** Policy.Validate: undefined when valid, else MinIO's first error with a JSON path. */
export function validateParsedPolicy(policy: ParsedPolicy): DecodeFailure | undefined {
  if (policy.version !== '2012-10-17' && policy.version !== '') return { message: `invalid version '${policy.version}'`, path: 'Version' }
  for (const statement of policy.statements) {
    const failure = validateStatement(statement)
    if (failure !== undefined) {
      const base = `Statement[${statement.sourceIndex}]`
      return { message: failure.message, path: failure.path === '' ? base : `${base}.${failure.path}` }
    }
  }
  return undefined
}
