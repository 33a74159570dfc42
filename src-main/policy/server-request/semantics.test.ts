import { describe, expect, it } from 'vitest'
import { CURRENT_SEMANTICS } from '../semantics.ts'
import { EVALUATED_SEMANTICS, semanticsById, semanticsForRelease } from './semantics.ts'

describe('semantics per MinIO release', () => {
  it('maps a release to the minio/pkg line its go.mod pinned', () => {
    expect(semanticsForRelease('RELEASE.2024-10-29T16-01-48Z')).toMatchObject({ basis: 'server', exact: true, semantics: { id: 'pkg-v3.0.13' }, release: 'RELEASE.2024-10-29T16-01-48Z' })
    expect(semanticsForRelease('2024-08-17T01:24:54Z').semantics.id).toBe('pkg-v3.0.8')
    expect(semanticsForRelease('RELEASE.2024-06-13T22-53-53Z').semantics.id).toBe('pkg-v3.0.1')
    expect(semanticsForRelease('RELEASE.2025-02-18T16-25-55Z').semantics.id).toBe('pkg-v3.0.28')
    expect(semanticsForRelease('RELEASE.2025-09-07T16-13-09Z')).toMatchObject({ exact: true, semantics: { id: 'pkg-v3.1.3' } })
  })

  it('says which semantics it answers with, and what differs when it is not exact', () => {
    expect(semanticsForRelease('RELEASE.2025-10-15T17-29-55Z').label).toBe('Answered as MinIO RELEASE.2025-10-15 decides (minio/pkg v3.1.3).')
    // The 2024 line's differences (NotResource, the bare "*" Resource) are modelled: no warning.
    expect(semanticsForRelease('RELEASE.2024-10-29T16-01-48Z').label).toBe('Answered as MinIO RELEASE.2024-10-29 decides (minio/pkg v3.0.13–v3.0.23).')
    // Within the v3.0.8 line, v3.0.10 added the Cors actions; the engine follows v3.0.8 and says so.
    expect(semanticsById('pkg-v3.0.8')).toMatchObject({ exact: false, label: expect.stringMatching(/^Answered as MinIO RELEASE\.2024-08-17 decides \(minio\/pkg v3\.0\.8–v3\.0\.11\), except what the tester does not model for it, answered as minio\/pkg v3\.1\.3 does: minio\/pkg v3\.0\.10–v3\.0\.11 \(in this line\) support s3:GetBucketCors/) })
  })

  it('gives each line the engine flags of its first minio/pkg version', () => {
    expect(semanticsById('pkg-v3.0.1').semantics.rules).toEqual({ byteWildcard: false, notResource: false, allResource: false, kmsResources: false, corsActions: false })
    expect(semanticsById('pkg-v3.0.13').semantics.rules).toEqual({ byteWildcard: true, notResource: false, allResource: false, kmsResources: true, corsActions: true })
    expect(semanticsById('pkg-v3.0.28').semantics.rules).toEqual({ byteWildcard: true, notResource: true, allResource: false, kmsResources: true, corsActions: true })
    expect(EVALUATED_SEMANTICS.rules).toEqual(CURRENT_SEMANTICS)
  })

  it('falls back to the last community release for unknown, pre-v3 or development versions', () => {
    for (const version of [undefined, 'DEVELOPMENT.GOGET', 'RELEASE.2023-01-01T00-00-00Z']) expect(semanticsForRelease(version)).toMatchObject({ basis: 'default', semantics: EVALUATED_SEMANTICS })
    expect(semanticsById('pkg-v3.0.28')).toMatchObject({ basis: 'picked', exact: true })
    expect(semanticsById('nope').basis).toBe('default')
  })
})
