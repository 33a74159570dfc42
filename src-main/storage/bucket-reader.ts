/**
 * Bucket-level reads over S3 through the minio JS SDK (the admin API has none of these): the
 * bucket list, versioning, default encryption, lifecycle rules, the bucket policy and an object's
 * tags (which MinIO's GET, HEAD and tagging handlers put into the condition map). Read-only; the
 * app reaches it through the IAM session (services/iam-session.ts), on the session's credentials.
 */
import { Agent as HttpsAgent } from 'node:https'
import { Client } from 'minio'
import type { AdminConnection } from '../minio/index.ts'
import { AppFailure } from '../api/result.ts'

export interface BucketFacts {
  name: string
  versioning: 'Enabled' | 'Suspended' | 'Off'
  /** The default server-side encryption algorithm (`AES256`, `aws:kms`), or null when none is set. */
  encryption: string | null
  lifecycleRules: number
  /** The bucket policy JSON, or null when the bucket has none. */
  policy: Record<string, unknown> | null
}

/** An object's stored tags, or exists=false when there is no such object (or version). */
export interface ObjectTags {
  exists: boolean
  tags: Record<string, string>
}

// S3 error codes meaning "this bucket has no such configuration", not a failure.
const ABSENT = new Set(['NoSuchBucketPolicy', 'ServerSideEncryptionConfigurationNotFoundError', 'NoSuchLifecycleConfiguration'])

/** An S3 client for the connection's credentials, with the connection's TLS trust. */
export function s3Client(connection: AdminConnection): Client {
  const url = new URL(connection.endpoint)
  const useSSL = url.protocol === 'https:'
  const agent = useSSL ? new HttpsAgent({ rejectUnauthorized: connection.tls?.allowSelfSigned !== true, ...(connection.tls?.caPem ? { ca: connection.tls.caPem } : {}) }) : undefined
  return new Client({
    endPoint: url.hostname.replace(/^\[|\]$/g, ''), // an IPv6 literal without its brackets
    port: Number(url.port || (useSSL ? 443 : 80)),
    useSSL,
    accessKey: connection.accessKey,
    secretKey: connection.secretKey,
    region: connection.region ?? 'us-east-1',
    ...(connection.sessionToken ? { sessionToken: connection.sessionToken } : {}),
    ...(agent ? { transportAgent: agent } : {}),
  })
}

function failure(what: string, connection: AdminConnection, error: unknown): AppFailure {
  const code = (error as { code?: string }).code ?? ''
  const where = `${connection.name ? `connection '${connection.name}' ` : ''}(${connection.endpoint})`
  if (code === 'AccessDenied') return new AppFailure('MINIO_ACCESS_DENIED', `MinIO at ${where} refused to ${what} (AccessDenied). Use credentials allowed to read bucket settings.`)
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') return new AppFailure('MINIO_UNREACHABLE', `Could not reach MinIO at ${where} to ${what} (${code}). Check the endpoint and that the server runs.`)
  return new AppFailure('INTERNAL', `Could not ${what} on MinIO at ${where}: ${(error as Error).message}`)
}

type EncryptionRules = { Rule?: EncryptionRule | EncryptionRule[] }
type EncryptionRule = { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string } }
/** The SDK returns the parsed XML document, root element included. */
type EncryptionXml = EncryptionRules & { ServerSideEncryptionConfiguration?: EncryptionRules }

// The SDK's XML parser gives one element as an object and several as an array.
function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

async function orAbsent<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (ABSENT.has((error as { code?: string }).code ?? '')) return null
    throw error
  }
}

export class BucketReader {
  readonly #client: Client
  readonly #connection: AdminConnection

  constructor(connection: AdminConnection) {
    this.#connection = connection
    this.#client = s3Client(connection)
  }

  /** Bucket names, sorted. */
  async listBuckets(): Promise<string[]> {
    try {
      return (await this.#client.listBuckets()).map((bucket) => bucket.name).sort()
    } catch (error) {
      throw failure('list buckets', this.#connection, error)
    }
  }

  /** Versioning, default encryption, lifecycle and policy of one bucket (four reads in parallel). */
  async facts(name: string): Promise<BucketFacts> {
    try {
      const [versioning, encryption, lifecycle, policy] = await Promise.all([
        this.#client.getBucketVersioning(name),
        orAbsent(() => this.#client.getBucketEncryption(name) as Promise<EncryptionXml>),
        orAbsent(() => this.#client.getBucketLifecycle(name)),
        orAbsent(() => this.#client.getBucketPolicy(name)),
      ])
      const status = (versioning as { Status?: string } | undefined)?.Status
      return {
        name,
        versioning: status === 'Enabled' || status === 'Suspended' ? status : 'Off',
        encryption: listOf((encryption?.ServerSideEncryptionConfiguration ?? encryption)?.Rule)[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
        lifecycleRules: listOf(lifecycle?.Rule).length,
        policy: policy ? (JSON.parse(policy) as Record<string, unknown>) : null,
      }
    } catch (error) {
      throw failure(`read the settings of bucket '${name}'`, this.#connection, error)
    }
  }

  /** The object's tags; exists=false for no such bucket, key or version. MINIO_ACCESS_DENIED when its tags may not be read. */
  async objectTags(bucket: string, key: string, versionId?: string): Promise<ObjectTags> {
    try {
      const tags = await this.#client.getObjectTagging(bucket, key, versionId ? { versionId } : {})
      return { exists: true, tags: Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])) }
    } catch (error) {
      const code = (error as { code?: string }).code ?? ''
      if (code === 'NoSuchKey' || code === 'NoSuchVersion' || code === 'NoSuchBucket') return { exists: false, tags: {} }
      if (code === 'AccessDenied') throw new AppFailure('MINIO_ACCESS_DENIED', `The connection's credential may not read the tags of ${bucket}/${key} (s3:GetObjectTagging); type the object's tags in instead.`)
      throw new AppFailure('MINIO_UNREACHABLE', `Could not read the tags of ${bucket}/${key}: ${(error as Error).message}`)
    }
  }
}
