import { Client } from 'minio'
import type { RequestSpec } from './live-scenarios.ts'

/**
 * Performs one question of the live differential as a real S3 request with the principal's own
 * credential (minio SDK over the server's plain-http endpoint) and reports the server's answer.
 */

export interface ServerAnswer {
  allowed: boolean
  /** ListBuckets: what the server listed. */
  listedBuckets?: string[]
}

interface RawRequests {
  makeRequestAsync(options: { method: string; bucketName: string; objectName?: string; query?: string; headers?: Record<string, string> }, payload: string, codes: number[], region: string): Promise<{ resume(): void }>
  listObjectsQuery(bucket: string, prefix: string, marker: string, options: { Delimiter: string; MaxKeys: number; IncludeVersion?: boolean }): Promise<unknown>
  listObjectsV2Query(bucket: string, prefix: string, token: string, delimiter: string, maxKeys: number, startAfter: string): Promise<unknown>
}

export function s3Client(endpoint: string, accessKey: string, secretKey: string): Client {
  const url = new URL(endpoint)
  return new Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey, secretKey, region: 'us-east-1' })
}

/** The User-Agent header the SDK sends (the tester's question carries the same header). */
export function sdkUserAgent(client: Client): string {
  return String(Reflect.get(client, 'userAgent'))
}

/** minio-go tags.Tags.String(): the x-amz-tagging header form. */
export function taggingHeader(tags: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(tags)).toString()
}

async function perform(client: Client, request: RequestSpec, versionId: string | undefined): Promise<ServerAnswer> {
  const raw = client as unknown as RawRequests
  const version: { versionId: string } | undefined = versionId ? { versionId } : undefined
  const { bucket, key } = request
  switch (request.kind) {
    case 'GetObject': {
      const stream = await client.getObject(bucket, key, version)
      for await (const chunk of stream) void chunk
      return { allowed: true }
    }
    case 'HeadObject': await client.statObject(bucket, key, version); return { allowed: true }
    case 'PutObject': {
      // putObject's metadata would send x-amz-tagging as X-Amz-Meta-x-amz-tagging; the raw request sends the header itself.
      const tags = request.tags ?? {}
      const headers: Record<string, string> = Object.keys(tags).length > 0 ? { 'x-amz-tagging': taggingHeader(tags) } : {}
      ;(await raw.makeRequestAsync({ method: 'PUT', bucketName: bucket, objectName: key, headers }, 'x', [200], 'us-east-1')).resume()
      return { allowed: true }
    }
    case 'DeleteObject': await client.removeObject(bucket, key, version); return { allowed: true }
    case 'CopyObject': await client.copyObject(bucket, key, `/${request.source?.bucket}/${request.source?.key}`); return { allowed: true }
    case 'ListObjectsV1': await raw.listObjectsQuery(bucket, request.prefix ?? '', '', { Delimiter: request.delimiter ?? '', MaxKeys: 0 }); return { allowed: true }
    case 'ListObjectVersions': await raw.listObjectsQuery(bucket, request.prefix ?? '', '', { Delimiter: request.delimiter ?? '', MaxKeys: 0, IncludeVersion: true }); return { allowed: true }
    case 'ListObjectsV2': await raw.listObjectsV2Query(bucket, request.prefix ?? '', '', request.delimiter ?? '', Number(request.maxKeys ?? 1000), ''); return { allowed: true }
    case 'ListBuckets': return { allowed: true, listedBuckets: (await client.listBuckets()).map((item) => item.name).sort() }
    case 'GetObjectTagging': await client.getObjectTagging(bucket, key, version); return { allowed: true }
    case 'PutObjectTagging': await client.setObjectTagging(bucket, key, request.tags ?? {}, { versionId: versionId ?? '' }); return { allowed: true }
    case 'DeleteObjectTagging': await client.removeObjectTagging(bucket, key, { versionId: versionId ?? '' }); return { allowed: true }
    case 'GetBucketLocation': (await raw.makeRequestAsync({ method: 'GET', bucketName: bucket, query: 'location' }, '', [200], 'us-east-1')).resume(); return { allowed: true }
  }
}

/** Allowed, denied (AccessDenied), or a thrown error for anything else: a harness problem, not an answer. */
export async function askServer(client: Client, request: RequestSpec, versionId: string | undefined): Promise<ServerAnswer> {
  try {
    return await perform(client, request, versionId)
  } catch (error) {
    if ((error as { code?: string }).code === 'AccessDenied') return { allowed: false }
    throw new Error(`${request.kind} ${request.bucket}/${request.key}: the server answered neither success nor AccessDenied: ${(error as Error).message}`, { cause: error })
  }
}
