/**
 * Reads the cases panel's condition field: one `key=value` per line (`aws:SourceIp=10.0.0.1`); a
 * key given twice collects both values. Lines without `=` are reported, not dropped silently.
 */
export function parseConditionLines(text: string): { conditions: Record<string, string[]>; problems: string[] } {
  const conditions: Record<string, string[]> = {}
  const problems: string[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (!line) return
    const equals = line.indexOf('=')
    if (equals <= 0) {
      problems.push(`Line ${index + 1} ('${line}') is not key=value.`)
      return
    }
    const key = line.slice(0, equals).trim()
    ;(conditions[key] ??= []).push(line.slice(equals + 1).trim())
  })
  return { conditions, problems }
}
