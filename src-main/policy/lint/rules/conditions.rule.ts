import { finding } from '../helpers.ts'
import type { LintFinding, LintRule } from '../types.ts'

/**
 * `ip-address-widened`: MinIO appends `/32` to an address written without a prefix length, even
 * an IPv6 one, so `2001:db8::1` means the whole `2001:db8::/32` network (spec §4.4).
 */
export const ipWidenedRule: LintRule = {
  id: 'ip-address-widened',
  check: ({ statements }) =>
    statements.flatMap((statement) =>
      statement.conditions
        .filter((condition) => /(^|:)(Not)?IpAddress$/.test(condition.operator))
        .flatMap((condition) => condition.values.flatMap((value, index): LintFinding[] => {
          if (typeof value !== 'string' || value.includes('/') || !value.includes(':')) return []
          const path = condition.valuePaths[index] ?? condition.path
          return [finding('ip-address-widened', 'warning', { path },
            `MinIO reads '${value}' as '${value}/32': for an IPv6 address that is a /32 network of 2^96 addresses, not one host. Write '${value}/128'.`,
            { title: `Use '${value}/128'`, path, value: `${value}/128` })]
        })),
    ),
}

/**
 * `empty-condition-operator`: an operator with no keys (`"StringEquals": {}`) adds no condition at
 * all, so the statement applies unconditionally, which is rarely what was meant.
 */
export const emptyOperatorRule: LintRule = {
  id: 'empty-condition-operator',
  check: ({ statements }) =>
    statements.flatMap((statement) => {
      const block = statement.raw.Condition
      if (typeof block !== 'object' || block === null || Array.isArray(block)) return []
      return Object.entries(block)
        .filter(([, keys]) => typeof keys === 'object' && keys !== null && !Array.isArray(keys) && Object.keys(keys).length === 0)
        .map(([operator]) => finding('empty-condition-operator', 'warning', { path: `${statement.path}.Condition.${operator}` },
          `'${operator}' has no keys, so it adds no condition: the statement applies to every matching request.`))
    }),
}
