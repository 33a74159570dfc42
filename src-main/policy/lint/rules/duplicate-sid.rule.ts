import { finding } from '../helpers.ts'
import type { LintFinding, LintRule } from '../types.ts'

/**
 * `duplicate-sid`: two statements with the same non-empty Sid. MinIO ignores Sids, but people and
 * tools use them to refer to a statement, so a repeated one is ambiguous.
 */
export const duplicateSidRule: LintRule = {
  id: 'duplicate-sid',
  check: ({ statements }) => {
    const firstBySid = new Map<string, number>()
    const findings: LintFinding[] = []
    for (const statement of statements) {
      if (!statement.sid) continue
      const first = firstBySid.get(statement.sid)
      if (first === undefined) {
        firstBySid.set(statement.sid, statement.index)
        continue
      }
      findings.push(finding('duplicate-sid', 'warning', { path: `${statement.path}.Sid` },
        `Sid '${statement.sid}' is already used by Statement[${first}]; give each statement its own Sid.`,
        { title: 'Rename the Sid', path: `${statement.path}.Sid`, value: `${statement.sid}${statement.index}` }))
    }
    return findings
  },
}
