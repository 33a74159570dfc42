/**
 * Compiling policies once (MinIO re-merges on every request; we do it once): the attached
 * policies' statements are concatenated, duplicates dropped (MergePolicies, §1.8), split into the
 * Deny and Allow passes, and a per-action index remembers which statements' action part matches.
 */
import { actionSetMatches, type StatementKind } from './action.ts'
import type { ConditionFunction } from './conditions/types.ts'
import { statementSignature, type ParsedPolicy } from './model.ts'
import { tokenizePattern, type ParsedResource, type PatternPart } from './resource.ts'
import { isAscii } from './text/utf8.ts'

export interface CompiledResource {
  /** As written after parsing: type prefix + pattern. */
  text: string
  pattern: string
  hasVariable: boolean
  isAscii: boolean
  /** The pattern split at its variables (only when hasVariable). */
  parts: readonly PatternPart[]
}

export interface CompiledStatement {
  /** Index in CompiledPolicySet.statements. */
  position: number
  policyIndex: number
  statementIndex: number
  sid: string
  effect: 'Allow' | 'Deny'
  kind: StatementKind
  actions: readonly string[]
  notActions: readonly string[]
  resources: readonly CompiledResource[]
  notResources: readonly CompiledResource[]
  conditions: readonly ConditionFunction[]
}

/** A merged, deduplicated policy set ready for repeated evaluation. Immutable from the caller's side. */
export interface CompiledPolicySet {
  readonly statements: readonly CompiledStatement[]
  readonly denies: readonly CompiledStatement[]
  readonly allows: readonly CompiledStatement[]
  /** Cache: request action → the Deny and Allow statements whose action part matches it, in order. */
  readonly actionIndex: Map<string, ActionCandidates>
}

/** The statements whose action part matches one request action (the only ones worth a closer look). */
export interface ActionCandidates {
  readonly denies: readonly CompiledStatement[]
  readonly allows: readonly CompiledStatement[]
}

const ACTION_INDEX_LIMIT = 4096

function compileResource(resource: ParsedResource): CompiledResource {
  const hasVariable = resource.pattern.includes('$')
  return { text: resource.text, pattern: resource.pattern, hasVariable, isAscii: isAscii(resource.pattern), parts: hasVariable ? tokenizePattern(resource.pattern) : [] }
}

/** Merges decoded policies like MinIO's MergePolicies and prepares them for evaluation. */
export function compileParsed(policies: readonly ParsedPolicy[], indices?: readonly number[]): CompiledPolicySet {
  const seen = new Set<string>()
  const statements: CompiledStatement[] = []
  policies.forEach((policy, position) => {
    const policyIndex = indices?.[position] ?? position
    for (const statement of policy.statements) {
      const signature = statementSignature(statement)
      if (seen.has(signature)) continue
      seen.add(signature)
      statements.push({
        position: statements.length,
        policyIndex,
        statementIndex: statement.sourceIndex,
        sid: statement.sid,
        // Unvalidated stored input may carry another Effect: MinIO treats it as neither pass.
        effect: statement.effect as 'Allow' | 'Deny',
        kind: statement.kind,
        actions: statement.actions,
        notActions: statement.notActions,
        resources: statement.resources.map(compileResource),
        notResources: statement.notResources.map(compileResource),
        conditions: statement.conditions,
      })
    }
  })
  return {
    statements,
    denies: statements.filter((statement) => statement.effect === 'Deny'),
    allows: statements.filter((statement) => statement.effect === 'Allow'),
    actionIndex: new Map(),
  }
}

/** The action part of §5.1 step 1: Action must match (when present) and NotAction must not. */
export function actionPartMatches(statement: CompiledStatement, action: string): boolean {
  if (statement.actions.length > 0 && actionSetMatches(statement.actions, action) === undefined) return false
  return statement.notActions.length === 0 || actionSetMatches(statement.notActions, action) === undefined
}

/** Per-statement action matches for one request action, cached on the set. */
export function candidatesFor(set: CompiledPolicySet, action: string): ActionCandidates {
  let candidates = set.actionIndex.get(action)
  if (candidates !== undefined) return candidates
  candidates = {
    denies: set.denies.filter((statement) => actionPartMatches(statement, action)),
    allows: set.allows.filter((statement) => actionPartMatches(statement, action)),
  }
  if (set.actionIndex.size >= ACTION_INDEX_LIMIT) set.actionIndex.clear()
  set.actionIndex.set(action, candidates)
  return candidates
}
