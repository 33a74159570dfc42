/**
 * The effective-permissions matrix of one principal: actions (grouped) × resources (the
 * deployment's buckets and the principal's own policy patterns unless given), each cell from the
 * evaluator, and its CSV form.
 */
import type { AccessAnalyzer, MatrixCell, SuppliedConditions } from './access-analyzer.ts'
import { checkAction, DEFAULT_ACTIONS, resourcesFor } from './access-catalogue.ts'
import { parseResource } from './access-request.ts'
import type { PrincipalRef } from './principals.ts'

export interface Matrix {
  principal: PrincipalRef
  actions: string[]
  resources: string[]
  cells: MatrixCell[]
}

/**
 * Builds the matrix. Throws an Error naming a bad action or resource, or a principal the model
 * does not have.
 */
export function buildMatrix(analyzer: AccessAnalyzer, ref: PrincipalRef, options: { actions?: readonly string[]; resources?: readonly string[]; supplied?: SuppliedConditions } = {}): Matrix {
  const actions = (options.actions ?? DEFAULT_ACTIONS).map(checkAction)
  const resources = options.resources ? [...options.resources] : resourcesFor(analyzer.model.buckets, analyzer.principal(ref).documents)
  const parsed = resources.map((label) => ({ label, ...parseResource(label) }))
  return { principal: ref, actions, resources, cells: analyzer.matrix(ref, actions, parsed, options.supplied) }
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One row per cell: action, resource, decision, conditional, condition keys, deciding statements. */
export function matrixCsv(matrix: Matrix): string {
  const header = 'action,resource,decision,conditional,conditions,decided_by'
  const rows = matrix.cells.map((cell) =>
    [cell.action, cell.resource, cell.effect, String(cell.isConditional), cell.conditionKeys.join(' '), cell.decidedBy.map((by) => `${by.policy}#${by.statement}`).join(' ')].map(csvField).join(','),
  )
  return `${[header, ...rows].join('\n')}\n`
}
