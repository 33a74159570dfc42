import type { MutatingOperation } from '../minio/index.ts'
import type { AdminReader, AppServices } from '../services/app-services.ts'
import type { IamService } from '../services/iam.service.ts'

/** Helpers the IAM adapters share: open a connection's client or audited service, bounded reads. */

export type { AdminReader } from '../services/app-services.ts'

/**
 * Runs `body` with an admin client for the connection and always closes the client. Reads only:
 * the client is typed without its mutating methods, so a change cannot bypass the audit here.
 */
export async function withAdmin<T>(services: AppServices, id: string, body: (client: AdminReader) => Promise<T>): Promise<T> {
  const client = await services.adminClient(id)
  try {
    return await body(client)
  } finally {
    client.close()
  }
}

/** Maps items with at most `limit` calls in flight (MinIO serialises Argon2 work, §2.7). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, body: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++
      results[index] = await body(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()))
  return results
}

/** The changes the IAM screens make; every one goes through the audited layer (IamService). */
export type IamMutations = Pick<IamService, MutatingOperation>

/**
 * Runs `body` with the audited IAM service for the connection: each change becomes an audit event
 * (intent before the call, outcome after). The only way handlers change server state; the service
 * holds its own admin client, closed here.
 */
export async function withAudited<T>(services: AppServices, id: string, body: (iam: IamMutations) => Promise<T>): Promise<T> {
  const iam = await services.iam(id)
  try {
    return await body(iam)
  } finally {
    iam.close()
  }
}
