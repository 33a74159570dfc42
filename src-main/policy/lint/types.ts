import type { JsonValue, PolicyDocument } from '../types.ts'

/** How much a finding matters. Lint never blocks saving: even `error` is advice, not validation. */
export type LintSeverity = 'error' | 'warning' | 'info'

/**
 * A suggested edit: set the JSON value at `path` (same path syntax as findings; an index one past
 * the end of an array appends) to `value`, or remove it when `value` is absent.
 */
export interface LintFix {
  title: string
  path: string
  value?: JsonValue
}

/** One piece of advice about a policy document. */
export interface LintFinding {
  /** Stable rule id, e.g. `bucket-wildcard-spans-buckets`. */
  id: string
  severity: LintSeverity
  message: string
  /** JSON path such as `Statement[2].Resource[0]` (canonical field names). */
  path: string
  line?: number
  column?: number
  fix?: LintFix
}

/** A string written in a statement field, with the path of the exact element. */
export interface Written {
  value: string
  path: string
}

/** One condition (operator, key) pair as written. */
export interface WrittenCondition {
  operator: string
  key: string
  values: JsonValue[]
  /** Path of each value: `…s3:prefix` for a single value, `…s3:prefix[1]` inside a list. */
  valuePaths: string[]
  path: string
}

/** A statement reduced to what rules look at; fields absent in the document are empty lists. */
export interface StatementView {
  index: number
  path: string
  sid?: string
  effect: string
  actions: Written[]
  notActions: Written[]
  resources: Written[]
  notResources: Written[]
  conditions: WrittenCondition[]
  /** The statement exactly as parsed, for fixes that rewrite it. */
  raw: Record<string, JsonValue | undefined>
}

/** What every rule receives: the parsed document and its statements. */
export interface LintContext {
  document: PolicyDocument
  statements: StatementView[]
}

/** A lint rule: pure, never throws for odd input (odd input is validation's business). */
export interface LintRule {
  id: string
  check: (context: LintContext) => LintFinding[]
}
