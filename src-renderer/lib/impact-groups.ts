import type { ImpactEntry, ImpactView } from '../../src-main/api/impact.contract.ts'

/** One principal's gains (or losses) as the preview lists them, capped. */
export interface PrincipalImpact {
  kind: ImpactEntry['kind']
  name: string
  /** The entries shown (at most the entry cap, and only those the answer carried). */
  entries: ImpactEntry[]
  /** How many more this principal has than are shown (from the uncapped summary). */
  more: number
}

export interface ImpactSide {
  principals: PrincipalImpact[]
  /** Principals with entries on this side that are not shown. */
  morePrincipals: number
  total: number
}

const KIND_LABEL: Record<ImpactEntry['kind'], string> = { user: 'user', group: 'group', accessKey: 'access key' }

export function principalLabel(row: { kind: ImpactEntry['kind']; name: string }): string {
  return `${KIND_LABEL[row.kind]} ${row.name}`
}

/** "s3:GetObject on logs/x", "admin:CreateUser (account-wide)", "… (under conditions)". */
export function entryLabel(entry: ImpactEntry): string {
  const where = entry.resource === '*' ? ' (account-wide)' : ` on ${entry.resource}`
  const level = entry.after === 'conditional' || entry.before === 'conditional' ? ` (${entry.before} → ${entry.after})` : ''
  return `${entry.action}${where}${level}`
}

/**
 * The gains (or losses) grouped by principal in the summary's order: at most `principalCap`
 * principals with at most `entryCap` entries each; the rest are counted, not dropped silently.
 */
export function groupImpact(view: ImpactView, side: 'gained' | 'lost', principalCap = 6, entryCap = 5): ImpactSide {
  const byPrincipal = new Map<string, ImpactEntry[]>()
  for (const entry of view[side]) {
    const id = `${entry.kind}:${entry.name}`
    byPrincipal.set(id, [...(byPrincipal.get(id) ?? []), entry])
  }
  const rows = view.summary.filter((row) => row[side] > 0)
  const principals = rows.slice(0, principalCap).map((row) => {
    const entries = (byPrincipal.get(`${row.kind}:${row.name}`) ?? []).slice(0, entryCap)
    return { kind: row.kind, name: row.name, entries, more: row[side] - entries.length }
  })
  return { principals, morePrincipals: Math.max(0, rows.length - principals.length), total: view.totals[side] }
}
