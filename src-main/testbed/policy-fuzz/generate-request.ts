import type { Random } from './seeded-random.ts'
import type { GeneratedCondition } from './generate-condition.ts'
import type { GeneratedStatement, World } from './generate-statement.ts'
import * as words from './case-vocabulary.ts'

/** A request in the case format (issue 3): `conditionValues` is the map MinIO's evaluator receives. */
export interface CaseRequest {
  action: string
  bucket: string
  object: string
  account: string
  groups: string[]
  isOwner: boolean
  denyOnly: boolean
  conditionValues: Record<string, string[]>
}

const ALL_ACTIONS: readonly string[] = [
  ...words.S3_OBJECT_ACTIONS, ...words.S3_BUCKET_ACTIONS, ...words.S3_SERVICE_ACTIONS, ...words.ADMIN_ACTIONS.slice(1),
  ...words.ADMIN_UNNAMEABLE, ...words.KMS_ACTIONS.slice(1), 'sts:AssumeRoleWithWebIdentity',
]
const BUCKET_LEVEL = new Set<string>([...words.S3_BUCKET_ACTIONS])
const NO_RESOURCE = new Set<string>([...words.S3_SERVICE_ACTIONS, ...words.ADMIN_ACTIONS, ...words.ADMIN_UNNAMEABLE, 'sts:AssumeRoleWithWebIdentity'])
const PREFIXES = new Set(['aws', 'jwt', 'ldap', 'sts', 'svc', 's3'])
// Short names of MinIO's common keys: Go indexes their first value when substituting variables, so
// an empty list under one of them crashes v3.1.3 (spec §3.3). Real servers never send that.
const COMMON_SHORT_NAMES = new Set([
  'signatureversion', 'authType', 'signatureAge', 'x-amz-content-sha256', 'LocationConstraint', 'Referer', 'SourceIp',
  'UserAgent', 'SecureTransport', 'CurrentTime', 'EpochTime', 'principaltype', 'userid', 'username', 'groups', 'user',
  'sub', 'iss', 'aud', 'jti', 'name', 'upn', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username',
  'profile', 'picture', 'website', 'email', 'gender', 'birthdate', 'phone_number', 'address', 'scope', 'client_id',
])

/**
 * Builds a request aimed at `target` (when given): an action its Action set matches, a resource its
 * patterns match and condition values that mostly satisfy it, so allows and explicit denies are
 * common. Without a target, or now and then, parts are random instead.
 */
export function generateRequest(random: Random, world: World, target: GeneratedStatement | undefined): CaseRequest {
  const username = random.pick(world.users)
  const conditionValues = baseConditionValues(random, username)
  const action = random.chance(0.02)
    ? random.pick(['', 's3:getobject', 'S3:GetObject', 's3:*', '*', 'admin:*', 's3:GetObject ', 'kms:*'])
    : target && random.chance(0.85) ? aimAction(random, target) : random.pick(ALL_ACTIONS)
  let bucket = ''
  let object = ''
  if (target?.family === 'kms' || action.startsWith('kms:')) {
    bucket = random.chance(0.5) ? random.pick(words.KMS_KEYS) : ''
  } else if (!NO_RESOURCE.has(action) || random.chance(0.05)) {
    const resource = target && !target.isNotResource && target.resources.length > 0 && random.chance(0.8)
      ? instantiate(random, random.pick(target.resources), username)
      : `${random.pick(world.buckets)}/${random.pick(words.OBJECT_PARTS)}`
    ;[bucket, object] = splitResource(resource)
    if (BUCKET_LEVEL.has(action) && random.chance(0.8)) object = ''
    if (random.chance(0.03)) object = random.pick(['/x', '//x', '../other/secret', 'dir/', './x', '..', '.', 'a/../../b'])
    if (random.chance(0.02)) bucket = random.pick(['', 'B', `${bucket}/`])
  }
  for (const condition of target?.conditions ?? []) addConditionValue(random, conditionValues, condition, username)
  return {
    action, bucket, object, account: username, groups: random.some(words.GROUPS, 0, 2),
    isOwner: random.chance(0.04), denyOnly: random.chance(0.05), conditionValues,
  }
}

function baseConditionValues(random: Random, username: string): Record<string, string[]> {
  const values: Record<string, string[]> = {}
  if (random.chance(0.85)) values.username = [username]
  if (random.chance(0.5)) values.groups = random.some(words.GROUPS, 1, 2)
  if (random.chance(0.4)) values.SourceIp = [random.pick(words.SOURCE_IPS)]
  if (random.chance(0.4)) values.SecureTransport = [random.pick(['true', 'false'])]
  if (random.chance(0.3)) values.CurrentTime = [random.pick(words.DATE_VALUES)]
  if (random.chance(0.3)) values.principaltype = [random.pick(['User', 'AssumedRole', 'Account'])]
  if (random.chance(0.2)) values['User-Agent'] = [random.pick(words.REQUEST_STRINGS)]
  if (random.chance(0.05)) values.username = ['']
  return values
}

function aimAction(random: Random, target: GeneratedStatement): string {
  if (target.isNotAction) return random.pick(ALL_ACTIONS)
  const pattern = random.pick(target.actions)
  if (pattern === 's3:GetObjectVersion' && random.chance(0.4)) return 's3:GetObject'
  if (pattern === '*' || pattern === 'admin:*') return random.pick(pattern === '*' ? ALL_ACTIONS : [...words.ADMIN_ACTIONS.slice(1), ...words.ADMIN_UNNAMEABLE])
  const matcher = globToRegExp(pattern)
  const matching = ALL_ACTIONS.filter((action) => matcher.test(action))
  return matching.length > 0 ? random.pick(matching) : pattern
}

/** Turns a resource pattern into a concrete `bucket/object` it (probably) matches. */
function instantiate(random: Random, pattern: string, username: string): string {
  let text = pattern.replace(/^arn:aws:s3:::/, '').replace(/^arn:minio:kms:::/, '').replace(/^\*(?=.)/, '')
  if (random.chance(0.85)) text = text.replaceAll('${aws:username}', username)
  text = text.replace(/\*/g, () => random.pick(['', 'x', 'a/b', 'base', 'dir/', 'home/alice/x']))
  return text.replace(/\?/g, () => random.pick(['1', 'x', '/', 'é']))
}

function splitResource(resource: string): [string, string] {
  const slash = resource.indexOf('/')
  return slash < 0 ? [resource, ''] : [resource.slice(0, slash), resource.slice(slash + 1)]
}

function addConditionValue(random: Random, values: Record<string, string[]>, condition: GeneratedCondition, username: string): void {
  const shortName = toShortName(condition.key)
  const roll = random.next()
  if (roll < 0.1) {
    delete values[shortName]
    return
  }
  const list = roll < 0.7 ? satisfying(random, condition, username) : [random.pick(words.REQUEST_STRINGS)]
  if (list.length === 0 && COMMON_SHORT_NAMES.has(shortName)) return
  // MinIO looks up the HTTP-canonical spelling first (spec §4.2); sometimes store it that way.
  const name = random.chance(0.1) ? canonicalish(shortName) : shortName
  values[name] = list
}

function satisfying(random: Random, condition: GeneratedCondition, username: string): string[] {
  const policyValue = random.pick(condition.values)
  const text = typeof policyValue === 'string' ? policyValue : String(policyValue)
  if (condition.operator.endsWith('Like')) return [instantiate(random, text, username)]
  if (condition.operator.includes('IpAddress')) return [random.pick(words.SOURCE_IPS)]
  if (condition.operator === 'Null') return random.chance(0.5) ? [] : ['present']
  if (condition.operator.startsWith('Numeric')) return [random.chance(0.15) ? random.pick(words.INTEGER_STRINGS) : random.pick([text, '5', '10', '11', '4', '-1', '1000', '1001'])]
  if (condition.operator.startsWith('Date')) return [random.chance(0.1) ? random.pick(words.BAD_DATE_VALUES) : random.pick([text, ...words.DATE_VALUES])]
  if (condition.operator === 'BinaryEquals') return [random.pick(['alice', 'bob', text])]
  const many = random.chance(0.2) ? [text.replaceAll('${aws:username}', username), random.pick(words.REQUEST_STRINGS)] : [text.replaceAll('${aws:username}', username)]
  return random.chance(0.1) ? many.map((value) => value.toUpperCase()) : many
}

function toShortName(key: string): string {
  const colon = key.indexOf(':')
  return colon >= 0 && PREFIXES.has(key.slice(0, colon)) ? key.slice(colon + 1) : key
}

function canonicalish(name: string): string {
  return /^[A-Za-z0-9-]+$/.test(name) ? name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase()) : name
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`, 's')
}
