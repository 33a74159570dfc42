import { z } from 'zod'
import type { MutatingOperation } from '../minio/index.ts'
import type { AdminReader, AppServices } from '../services/app-services.ts'
import type { IamService } from '../services/iam.service.ts'
import { ERROR_CODES, type AppError } from '../shared/result.ts'

/**
 * Shared pieces of the IAM screens' contracts (users, groups, policies, access keys, account):
 * name schemas that mirror MinIO's constraints (minio-admin-api.md §4.4) and the read helper.
 */

export const connectionId = z.string().min(1, 'Choose a connection first.').max(100)

/** An item's error inside a result (a bulk user, a snapshot step): code and message; `details` stay in main. */
export const shownError = z.object({ code: z.enum(ERROR_CODES), message: z.string() })

export function showError(error: AppError): z.output<typeof shownError> {
  return { code: error.code, message: error.message }
}

// MinIO stores names as path components (§4.4): no separators, no `.`/`..`, no comma or `=`.
const SAFE_NAME = /^[A-Za-z0-9._@+-]+$/
const SAFE_NAME_HINT = 'use letters, digits and . _ @ + - only (no spaces, commas, = or slashes)'

function newName(kind: string, min: number): z.ZodString {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? `A ${kind} needs a name.` : `A ${kind} needs at least ${min} characters.`)
    .max(128, `A ${kind} name can have at most 128 characters.`)
    .regex(SAFE_NAME, `A ${kind} name must ${SAFE_NAME_HINT}.`)
    .refine((value) => value !== '.' && value !== '..', `A ${kind} name cannot be '.' or '..'.`)
}

/** The access key of a user to create: MinIO needs ≥ 3 bytes; we also keep to path-safe characters. */
export const newUserName = newName('user access key', 3)
export const newGroupName = newName('group', 1)
export const newPolicyName = newName('policy', 1)

/**
 * A name of something that already exists (possibly created by another tool with looser rules):
 * only what MinIO itself would refuse is refused here.
 */
export function existingName(kind: string): z.ZodString {
  return z
    .string()
    .min(1, `Give the ${kind}.`)
    .max(1024)
    .refine((value) => !value.includes(','), `A ${kind} cannot contain a comma.`) as unknown as z.ZodString
}

/** A user secret: MinIO refuses fewer than 8 bytes (§4.4). */
export const userSecret = z
  .string()
  .min(8, 'The secret key needs at least 8 characters.')
  .max(1024, 'The secret key can have at most 1024 characters.')

export const entityStatus = z.enum(['enabled', 'disabled'])

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
