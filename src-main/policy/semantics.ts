/**
 * What a minio/pkg release decides differently, as flags (never version strings in the engine).
 * The default is v3.1.3's behaviour; server-request/semantics.ts maps MinIO releases to a value.
 * The engine is synchronous, so an API call with `{ semantics }` scopes it with withSemantics for
 * the length of that call; the matchers and decoders read activeSemantics().
 */
export interface PolicySemantics {
  /** minio/pkg v3.0.13+: `?` matches one byte. v3.0.0–v3.0.11 matched one character (rune). */
  byteWildcard: boolean
  /** minio/pkg v3.0.28+: NotResource is a statement field. Before, Go ignored it as an unknown field. */
  notResource: boolean
  /** minio/pkg v3.0.30+: `*`, `*rest` and a bare ARN prefix parse as type ALL. Before, only ARNs parsed. */
  allResource: boolean
  /** minio/pkg v3.0.8+: arn:minio:kms::: resources, checked for KMS statements. Before, only S3 ARNs parsed and KMS statements ignored Resource. */
  kmsResources: boolean
  /** minio/pkg v3.0.10+: s3:GetBucketCors, s3:PutBucketCors, s3:DeleteBucketCors are supported actions. */
  corsActions: boolean
}

export const CURRENT_SEMANTICS: Readonly<PolicySemantics> = Object.freeze({ byteWildcard: true, notResource: true, allResource: true, kmsResources: true, corsActions: true })

/** True when `semantics` decides as v3.1.3 (absent counts as v3.1.3). */
export function isCurrentSemantics(semantics: Readonly<PolicySemantics> | undefined): boolean {
  return semantics === undefined || Object.values(semantics).every((flag) => flag)
}

/** `[3, 0, 26]` for "v3.0.26" (a minio/pkg v3 tag). */
function versionParts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map(Number)
}

function atLeast(version: string, boundary: string): boolean {
  const [a, b] = [versionParts(version), versionParts(boundary)]
  for (let index = 0; index < 3; index++) if ((a[index] ?? 0) !== (b[index] ?? 0)) return (a[index] ?? 0) > (b[index] ?? 0)
  return true
}

/** The flags of a minio/pkg v3 version, e.g. "v3.0.26" (the boundaries found with the oracle at each version). */
export function semanticsForPkg(version: string): Readonly<PolicySemantics> {
  return {
    byteWildcard: atLeast(version, 'v3.0.13'),
    notResource: atLeast(version, 'v3.0.28'),
    allResource: atLeast(version, 'v3.0.30'),
    kmsResources: atLeast(version, 'v3.0.8'),
    corsActions: atLeast(version, 'v3.0.10'),
  }
}

let active: Readonly<PolicySemantics> = CURRENT_SEMANTICS

/** The semantics of the call in progress (v3.1.3's outside any withSemantics). */
export function activeSemantics(): Readonly<PolicySemantics> {
  return active
}

/** Runs `run` with `semantics` in force (undefined: unchanged), restoring the previous value after. */
export function withSemantics<T>(semantics: Readonly<PolicySemantics> | undefined, run: () => T): T {
  if (semantics === undefined || semantics === active) return run()
  const previous = active
  active = semantics
  try {
    return run()
  } finally {
    active = previous
  }
}
