/** Human-readable output of `gatehouse access` (the --json forms are the stable ones). */
import type { MatrixCell, WhoCanEntry } from '../access/access-analyzer.ts'
import type { DecidingStatement } from '../access/access-cell.ts'
import type { AccessDiff } from '../access/access-diff.ts'
import type { Matrix } from '../access/access-matrix.ts'

const KIND_LABEL = { user: 'user', accessKey: 'access key', group: 'group' } as const

function statements(list: readonly DecidingStatement[]): string {
  return list.map((by) => `${by.policy} statement ${by.statement}${by.sid ? ` (${by.sid})` : ''}`).join('; ')
}

export function formatWhoCan(action: string, resource: string, allowed: readonly WhoCanEntry[], source: string): string {
  if (allowed.length === 0) return `Nobody in ${source} may ${action} on ${resource}.\n`
  const lines = allowed.map((entry) => {
    const when = entry.isConditional ? `conditional on ${entry.conditionKeys.join(', ')}` : 'allowed'
    return `  ${KIND_LABEL[entry.kind].padEnd(10)} ${entry.name.padEnd(24)} ${when.padEnd(12)} ${statements(entry.decidedBy)}`
  })
  return `${allowed.length} principal(s) in ${source} may ${action} on ${resource}:\n${lines.join('\n')}\n`
}

function symbol(cell: MatrixCell): string {
  const base = cell.effect === 'allow' ? 'allow' : cell.effect === 'explicitDeny' ? 'DENY' : '-'
  return cell.isConditional ? `${base}?` : base
}

export function formatMatrix(matrix: Matrix): string {
  const width = Math.max(...matrix.actions.map((action) => action.length))
  const lines = matrix.resources.map((resource) => {
    const row = matrix.cells.filter((cell) => cell.resource === resource)
    return `${resource}\n${row.map((cell) => `  ${cell.action.padEnd(width)}  ${symbol(cell)}${cell.isConditional ? `  (${cell.conditionKeys.join(', ')})` : ''}`).join('\n')}`
  })
  const legend = 'allow = allowed, DENY = explicit Deny, - = not allowed, ? = depends on the request (conditions named)'
  return `Effective permissions of ${KIND_LABEL[matrix.principal.kind]} ${matrix.principal.name}:\n${lines.join('\n')}\n${legend}\n`
}

export function formatDiff(diff: AccessDiff): string {
  const line = (sign: string, item: AccessDiff['gained'][number]) => `  ${sign} ${KIND_LABEL[item.kind]} ${item.name}: ${item.action} on ${item.resource} (${item.before} → ${item.after})`
  const asked = `Asked ${diff.asked.principals} principals × ${diff.asked.actions} actions × ${diff.asked.resources} resources.`
  if (diff.gained.length === 0 && diff.lost.length === 0) return `No access changed. ${asked}\n`
  const parts = [
    diff.gained.length > 0 ? `Gained (${diff.gained.length}):\n${diff.gained.map((item) => line('+', item)).join('\n')}` : 'Gained: nothing.',
    diff.lost.length > 0 ? `Lost (${diff.lost.length}):\n${diff.lost.map((item) => line('-', item)).join('\n')}` : 'Lost: nothing.',
  ]
  return `${parts.join('\n')}\n${asked}\n`
}
