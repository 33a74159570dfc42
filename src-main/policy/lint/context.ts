import type { JsonValue, PolicyDocument } from '../types.ts'
import type { LintContext, StatementView, Written, WrittenCondition } from './types.ts'

/** Lists the strings of an Action/Resource-style field (a string or an array), with element paths. */
function writtenList(value: JsonValue | undefined, path: string): Written[] {
  if (typeof value === 'string') return [{ value, path }]
  if (!Array.isArray(value)) return []
  return value.flatMap((item, index) => (typeof item === 'string' ? [{ value: item, path: `${path}[${index}]` }] : []))
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function writtenConditions(value: JsonValue | undefined, path: string): WrittenCondition[] {
  if (!isObject(value)) return []
  const conditions: WrittenCondition[] = []
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) continue
    for (const [key, values] of Object.entries(keys)) {
      const at = `${path}.${operator}.${key}`
      const list = Array.isArray(values) ? values : [values]
      const valuePaths = Array.isArray(values) ? list.map((_, index) => `${at}[${index}]`) : [at]
      conditions.push({ operator, key, values: list, valuePaths, path: at })
    }
  }
  return conditions
}

/**
 * Builds the view rules work on from a parsed document (canonical field names, as parsePolicy
 * returns them). Statements that are not objects are skipped: validation reports those.
 */
export function buildContext(document: PolicyDocument): LintContext {
  const statements: StatementView[] = []
  const list = Array.isArray(document.Statement) ? document.Statement : []
  list.forEach((statement, index) => {
    if (!isObject(statement)) return
    const path = `Statement[${index}]`
    const raw = statement as Record<string, JsonValue | undefined>
    statements.push({
      index,
      path,
      sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
      effect: typeof raw.Effect === 'string' ? raw.Effect : '',
      actions: writtenList(raw.Action, `${path}.Action`),
      notActions: writtenList(raw.NotAction, `${path}.NotAction`),
      resources: writtenList(raw.Resource, `${path}.Resource`),
      notResources: writtenList(raw.NotResource, `${path}.NotResource`),
      conditions: writtenConditions(raw.Condition, `${path}.Condition`),
      raw,
    })
  })
  return { document, statements }
}
