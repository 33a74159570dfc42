// The one canonical form of JSON data in main: object keys sorted at every level (arrays keep their
// order), so two documents a server re-serialised with its keys reordered compare and hash equal.
// Used by the policy history's diffs and the snapshot's canonical policies.

/** `value` with the keys of every object sorted (code-unit order); arrays and scalars as they are. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  // fromEntries defines own properties, so a `__proto__` key stays data and sets no prototype.
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}

/** Canonical JSON text: keys sorted at every level. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}
