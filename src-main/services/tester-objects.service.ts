import { Agent } from 'node:https'
import { Client } from 'minio'
import type { AdminConnection } from '../minio/index.ts'
import { AppFailure } from '../api/result.ts'

/**
 * What a live question needs from the object itself: its stored tags, which MinIO's GET, HEAD and
 * tagging handlers put into the condition map (ExistingObjectTag/<k>, RequestObjectTag/<k>). Read
 * with the minio SDK and the connection's own credential and TLS settings.
 */

/** An S3 client for the connection (same endpoint, credential, CA and self-signed choice as the admin client). */
export function s3ClientFor(connection: AdminConnection): Client {
  const url = new URL(connection.endpoint)
  const useSSL = url.protocol === 'https:'
  const agent = useSSL && connection.tls ? new Agent({ ...(connection.tls.caPem ? { ca: connection.tls.caPem } : {}), rejectUnauthorized: connection.tls.allowSelfSigned !== true }) : undefined
  return new Client({
    endPoint: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: connection.accessKey,
    secretKey: connection.secretKey,
    ...(connection.sessionToken ? { sessionToken: connection.sessionToken } : {}),
    region: connection.region ?? 'us-east-1',
    ...(agent ? { transportAgent: agent } : {}),
  })
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : ''
}

/** `tester.objectTags`: the object's tags, or exists=false when there is no such object (or version). */
export async function readObjectTags(connection: AdminConnection, bucket: string, key: string, versionId?: string): Promise<{ exists: boolean; tags: Record<string, string> }> {
  const client = s3ClientFor(connection)
  try {
    const tags = await client.getObjectTagging(bucket, key, versionId ? { versionId } : {})
    return { exists: true, tags: Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])) }
  } catch (error) {
    const code = codeOf(error)
    if (code === 'NoSuchKey' || code === 'NoSuchVersion' || code === 'NoSuchBucket') return { exists: false, tags: {} }
    if (code === 'AccessDenied') throw new AppFailure('MINIO_ACCESS_DENIED', `The connection's credential may not read the tags of ${bucket}/${key} (s3:GetObjectTagging); type the object's tags in instead.`)
    throw new AppFailure('MINIO_UNREACHABLE', `Could not read the tags of ${bucket}/${key}: ${(error as Error).message}`)
  }
}
