/**
 * Which minio/pkg policy semantics a MinIO release runs. Releases → minio/pkg: the server's go.mod
 * at each RELEASE tag (github.com/minio/minio). Where the lines differ: the same random corpus asked
 * of the policy oracle built at each minio/pkg version (testbed/oracle/version-survey.run.ts; the
 * differences are pinned in policy/vectors-by-version/, each labelled by the oracle that answered).
 * Pure data: no node:*.
 */

import { semanticsForPkg, type PolicySemantics } from '../semantics.ts'

export interface SemanticsLine {
  /** Stable id the tester and the CLI accept. */
  id: string
  /** The minio/pkg versions of the line, as released in MinIO. */
  pkg: string
  /** First and last community MinIO release of the line. */
  firstRelease: string
  lastRelease: string
  /** What this line decides differently from v3.1.3 (empty for v3.1.3 itself). */
  differences: string[]
  /** The engine flags for the line: validation and evaluation follow them. */
  rules: Readonly<PolicySemantics>
  /** The differences the engine does not model (it answers those as v3.1.3 does). */
  unmodelled: string[]
}

// What older lines decide differently, as found by the survey; each is an engine flag (policy/semantics.ts).
const RUNE = 'a `?` in a resource or StringLike pattern matches one character (rune), not one byte: answers differ for multi-byte names'
const NO_NOT_RESOURCE = 'NotResource is not known: a statement with only NotResource has no Resource and is refused ("Resource must not be empty")'
const NO_ALL = 'a bare "*" Resource is refused ("invalid resource \'*\'"); only arn:aws:s3::: and arn:minio:kms::: resources'
const NO_KMS = 'KMS statements take no KMS resources: arn:minio:kms::: is refused, an S3 resource is accepted and ignored'
const CORS = 's3:GetBucketCors, s3:PutBucketCors, s3:DeleteBucketCors are refused as unsupported actions'
// admin:LicenseInfo and the v4 admin actions (ClusterInfo, GenerateBatchJob, …) are no difference:
// minio/pkg v3.1.3 refuses to name them too (asked of the oracles at v3.0.0, v3.0.13, v3.1.0 and v3.1.3).
const MODELLED = new Set([RUNE, NO_NOT_RESOURCE, NO_ALL, NO_KMS, CORS])

/** A line decides as its first minio/pkg version; `varies` says where later versions of the line differ. */
function line(id: string, firstPkg: string, pkg: string, firstRelease: string, lastRelease: string, differences: string[], varies: string[] = []): SemanticsLine {
  return { id, pkg, firstRelease, lastRelease, differences, rules: semanticsForPkg(firstPkg), unmodelled: [...differences.filter((text) => !MODELLED.has(text)), ...varies] }
}

/** Oldest first. Before RELEASE.2024-05-27 the server used minio/pkg v2, which is not modelled. */
export const SEMANTICS_LINES: readonly SemanticsLine[] = [
  // RELEASE.2024-07-13 ran v3.0.7, which the module proxy does not serve: counted here, unverified.
  line('pkg-v3.0.1', 'v3.0.1', 'minio/pkg v3.0.1–v3.0.7', 'RELEASE.2024-05-27T19-17-46Z', 'RELEASE.2024-07-13T01-46-15Z', [RUNE, NO_NOT_RESOURCE, NO_ALL, NO_KMS, CORS]),
  line('pkg-v3.0.8', 'v3.0.8', 'minio/pkg v3.0.8–v3.0.11', 'RELEASE.2024-07-16T23-46-41Z', 'RELEASE.2024-08-17T01-24-54Z', [RUNE, NO_NOT_RESOURCE, NO_ALL, CORS],
    ['minio/pkg v3.0.10–v3.0.11 (in this line) support s3:GetBucketCors, s3:PutBucketCors and s3:DeleteBucketCors; the tester refuses them as v3.0.8 does']),
  line('pkg-v3.0.13', 'v3.0.13', 'minio/pkg v3.0.13–v3.0.23', 'RELEASE.2024-08-26T15-33-07Z', 'RELEASE.2024-12-18T13-15-44Z', [NO_NOT_RESOURCE, NO_ALL]),
  line('pkg-v3.0.28', 'v3.0.28', 'minio/pkg v3.0.28–v3.0.29', 'RELEASE.2025-01-18T00-31-37Z', 'RELEASE.2025-02-18T16-25-55Z', [NO_ALL]),
  line('pkg-v3.1.0', 'v3.1.0', 'minio/pkg v3.1.0', 'RELEASE.2025-04-03T14-56-28Z', 'RELEASE.2025-04-22T22-12-26Z', []),
  line('pkg-v3.1.3', 'v3.1.3', 'minio/pkg v3.1.3', 'RELEASE.2025-05-24T17-08-30Z', 'RELEASE.2025-10-15T17-29-55Z', []),
]

/** The semantics the tester's evaluator implements exactly, and the default offline. */
export const EVALUATED_SEMANTICS = SEMANTICS_LINES[SEMANTICS_LINES.length - 1] as SemanticsLine

/** `RELEASE.2024-10-29T16-01-48Z`, `2024-10-29T16:01:48Z` (server info) → a sortable stamp, else undefined. */
function releaseStamp(version: string): string | undefined {
  const match = /(\d{4})-(\d{2})-(\d{2})T(\d{2})[-:](\d{2})[-:](\d{2})Z/.exec(version)
  return match ? match.slice(1).join('') : undefined
}

export interface SemanticsChoice {
  semantics: SemanticsLine
  /** The release the choice was made for, when known. */
  release?: string
  /** Why this line: the server's version, the user's pick, or the default. */
  basis: 'server' | 'picked' | 'default'
  /** The answer is exactly what that release decides (the engine models every difference of its line). */
  exact: boolean
  /** One sentence for the UI: "as MinIO RELEASE.2024-10-29 decides" or what differs. */
  label: string
}

function choice(semantics: SemanticsLine, basis: SemanticsChoice['basis'], release?: string): SemanticsChoice {
  // Exact when the engine models every difference of the line (validation and evaluation follow its rules).
  const exact = semantics.unmodelled.length === 0
  const name = release ?? semantics.lastRelease
  const shown = name.replace(/T.*$/, '')
  const label = exact
    ? `Answered as MinIO ${shown} decides (${semantics.pkg}).`
    : `Answered as MinIO ${shown} decides (${semantics.pkg}), except what the tester does not model for it, answered as ${EVALUATED_SEMANTICS.pkg} does: ${semantics.unmodelled.join('; ')}.`
  return { semantics, basis, exact, label, ...(release ? { release } : {}) }
}

/** The line a server release runs; an unreadable or pre-v3 version gets the default with basis 'default'. */
export function semanticsForRelease(version: string | undefined): SemanticsChoice {
  const stamp = version ? releaseStamp(version) : undefined
  if (!stamp || !version) return choice(EVALUATED_SEMANTICS, 'default')
  const line = [...SEMANTICS_LINES].reverse().find((item) => (releaseStamp(item.firstRelease) ?? '') <= stamp)
  if (!line) return choice(EVALUATED_SEMANTICS, 'default')
  const release = `RELEASE.${version.slice(version.search(/\d{4}-\d{2}-\d{2}T/)).replace(/:/g, '-')}`.replace(/^RELEASE\.RELEASE\./, 'RELEASE.')
  return choice(line, 'server', release)
}

/** The user's offline pick by id; unknown ids get the default. */
export function semanticsById(id: string | undefined): SemanticsChoice {
  const line = SEMANTICS_LINES.find((item) => item.id === id)
  return line ? choice(line, 'picked') : choice(EVALUATED_SEMANTICS, 'default')
}
