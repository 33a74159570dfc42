import { z } from 'zod'
import { ERROR_CODES } from './result.ts'

/**
 * Fields several contracts share, each defined once: the connection a call acts on, an item's error
 * inside a result, and name schemas that mirror MinIO's constraints (minio-admin-api.md §4.4).
 */

export const connectionId = z.string().min(1, 'Choose a connection first.').max(100)

/** An item's error inside a result (a bulk user, a snapshot step): code and message; `details` stay in main. */
export const shownError = z.object({ code: z.enum(ERROR_CODES), message: z.string() })


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
