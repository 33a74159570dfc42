/**
 * Answers access questions over one deployment model: a cell (principal × request), who-can and
 * the effective-permissions matrix. Decisions are cached per distinct principal shape (same
 * policy lists, same group states), because thousands of users usually share a few policy sets;
 * a shape whose policies have conditions or `${...}` variables is cached per identity instead.
 */
import { CompileCache, compilePolicies, evaluatePrincipal, type PolicyDocument } from '../policy/index.ts'
import { blockedCell, cellOf, type AccessCell } from './access-cell.ts'
import { requestFor, type AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { allPrincipals, assemblePrincipal, SESSION_POLICY, type AssembledPrincipal, type PrincipalRef } from './principals.ts'
import { conditionValuesFor, isDetermined } from './request-context.ts'

export type SuppliedConditions = Readonly<Record<string, readonly string[]>>

export interface WhoCanEntry extends PrincipalRef, AccessCell {}

export interface MatrixCell extends AccessCell {
  action: string
  resource: string
}

function dependsOnIdentity(document: PolicyDocument): boolean {
  // Decided on the compiled statements: any condition or resource variable may read the identity.
  const set = compilePolicies([document])
  return set.failures.length === 0 && set.statements.some((statement) => statement.conditions.length > 0 || [...statement.resources, ...statement.notResources].some((resource) => resource.hasVariable))
}

export class AccessAnalyzer {
  readonly model: DeploymentModel
  readonly #now: Date
  readonly #compiled = new CompileCache()
  readonly #principals = new Map<string, AssembledPrincipal>()
  readonly #sensitive = new Map<string, boolean>()
  readonly #cells = new Map<string, AccessCell>()

  constructor(model: DeploymentModel, now: Date = new Date()) {
    this.model = model
    this.#now = now
  }

  principal(ref: PrincipalRef): AssembledPrincipal {
    const id = `${ref.kind}:${ref.name}`
    let principal = this.#principals.get(id)
    if (!principal) {
      principal = assemblePrincipal(this.model, ref, this.#now)
      this.#principals.set(id, principal)
    }
    return principal
  }

  #isSensitive(principal: AssembledPrincipal): boolean {
    return principal.policyNames.some((name) => {
      let sensitive = this.#sensitive.get(name === SESSION_POLICY ? `${SESSION_POLICY}${principal.ref.name}` : name)
      if (sensitive === undefined) {
        const document = name === SESSION_POLICY ? this.model.accessKeys.get(principal.ref.name)?.sessionPolicy : this.model.policies.get(name)
        sensitive = document !== undefined && dependsOnIdentity(document)
        this.#sensitive.set(name === SESSION_POLICY ? `${SESSION_POLICY}${principal.ref.name}` : name, sensitive)
      }
      return sensitive
    })
  }

  /** The answer for one principal and request, from the evaluator (cached per shape). */
  cell(ref: PrincipalRef, request: AccessRequest, supplied: SuppliedConditions = {}): AccessCell {
    const principal = this.principal(ref)
    if (principal.blocked) return blockedCell(principal.blocked)
    const conditions = { ...request.implied, ...supplied }
    const identity = this.#isSensitive(principal) ? principal.identity.userName ?? '' : ''
    const key = JSON.stringify([principal.ref.kind, principal.shape, identity, request.action, request.bucket, request.object, conditions])
    let cell = this.#cells.get(key)
    if (!cell) {
      cell = this.#evaluate(principal, request, conditions)
      this.#cells.set(key, cell)
    }
    return cell
  }

  #evaluate(principal: AssembledPrincipal, request: AccessRequest, conditions: SuppliedConditions): AccessCell {
    const decision = evaluatePrincipal(
      principal.input,
      { action: request.action, bucket: request.bucket, object: request.object, ...(principal.identity.userName ? { account: principal.identity.userName } : {}), conditionValues: conditionValuesFor(principal.identity, conditions) },
      { explain: true, traceAllowPass: true, cache: this.#compiled },
    )
    const supplied = new Set(Object.keys(conditions))
    return cellOf(decision, principal.parentPolicies, SESSION_POLICY, (key) => isDetermined(key, principal.identity, supplied))
  }

  /** Every user, access key and group for which some request context allows `request`. */
  whoCan(request: AccessRequest, supplied: SuppliedConditions = {}): WhoCanEntry[] {
    const allowed: WhoCanEntry[] = []
    for (const ref of allPrincipals(this.model)) {
      const cell = this.cell(ref, request, supplied)
      if (cell.isPossible) allowed.push({ ...ref, ...cell })
    }
    return allowed
  }

  /** The matrix of one principal: every action on every resource (`{bucket, object}` with its label). */
  matrix(ref: PrincipalRef, actions: readonly string[], resources: ReadonlyArray<{ label: string; bucket: string; object: string }>, supplied: SuppliedConditions = {}): MatrixCell[] {
    const cells: MatrixCell[] = []
    for (const action of actions) {
      for (const resource of resources) cells.push({ action, resource: resource.label, ...this.cell(ref, requestFor(action, resource), supplied) })
    }
    return cells
  }
}
