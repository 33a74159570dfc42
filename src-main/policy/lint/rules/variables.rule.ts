import { ALL_KEYS, COMMON_KEYS } from '../../catalogue.ts'
import { finding } from '../helpers.ts'
import type { LintFinding, LintRule, Written } from '../types.ts'

// MinIO substitutes `${key}` only for its common keys, spelled exactly (spec §3.3, §4.5); anything
// else stays literal text, so a typo silently turns `home/${aws:userName}/*` into a fixed path.
const COMMON = new Set(COMMON_KEYS)
const ALL = new Set(ALL_KEYS)
const SUBSTITUTING = /^(For(All|Any)Values?:)?(String|Binary)/

function distance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index)
  for (let i = 1; i <= left.length; i++) {
    const current = [i]
    for (let j = 1; j <= right.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[right.length] ?? 0
}

/** The common key a misspelt variable most likely meant, if one is close (case-insensitive). */
function suggestion(name: string): string | undefined {
  const lower = name.toLowerCase()
  let best: { key: string; score: number } | undefined
  for (const key of COMMON_KEYS) {
    const score = distance(lower, key.toLowerCase())
    if (score <= 2 && (!best || score < best.score)) best = { key, score }
  }
  return best?.key
}

function checkText(written: Written, substituted: boolean): LintFinding[] {
  const findings: LintFinding[] = []
  for (const match of written.value.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1] ?? ''
    if (COMMON.has(name)) {
      if (!substituted) findings.push(finding('unknown-variable', 'warning', written, `\${${name}} is not substituted in this condition operator: MinIO replaces variables only in String and Binary operators and in Resource.`))
      continue
    }
    const near = suggestion(name)
    const reason = ALL.has(name) ? `'${name}' is a condition key but not a policy variable (only the common keys are substituted)` : `'${name}' is not a policy variable MinIO knows`
    const message = `\${${name}} is never substituted: ${reason}, so it is matched as literal text.${near ? ` Did you mean \${${near}}?` : ''}`
    findings.push(finding('unknown-variable', 'warning', written, message,
      near ? { title: `Use \${${near}}`, path: written.path, value: written.value.replaceAll(match[0], `\${${near}}`) } : undefined))
  }
  return findings
}

/**
 * `unknown-variable`: a `${…}` MinIO will not substitute: misspelt or wrongly cased
 * (`${aws:userName}`), a key that is not a variable (`${s3:prefix}`), or a variable inside an
 * operator that never substitutes (Numeric, Date, Bool, IpAddress, Null).
 */
export const unknownVariableRule: LintRule = {
  id: 'unknown-variable',
  check: ({ statements }) =>
    statements.flatMap((statement) => [
      ...[...statement.resources, ...statement.notResources].flatMap((written) => checkText(written, true)),
      ...statement.conditions.flatMap((condition) =>
        condition.values.flatMap((value, index) =>
          typeof value === 'string'
            ? checkText({ value, path: condition.valuePaths[index] ?? condition.path }, SUBSTITUTING.test(condition.operator))
            : [],
        ),
      ),
    ]),
}
