import { callJson, listOf, timeOrUndefined } from './calls.ts'
import type { AdminTransport } from './transport.ts'
import type { AccountInfo, PolicyDocument } from './types.ts'

interface RawAccountInfo {
  AccountName?: string
  Policy?: PolicyDocument | null
  Buckets?:
    | {
        name: string
        size?: number
        objects?: number
        created?: string
        access?: { read?: boolean; write?: boolean }
      }[]
    | null
}

/**
 * GET accountinfo: who the credential acts for, its effective policy and the buckets it can reach.
 * Any valid credential may call it, so it is the fallback when /info is denied.
 */
export async function fetchAccountInfo(transport: AdminTransport): Promise<AccountInfo> {
  const raw = await callJson<RawAccountInfo>(transport, {
    method: 'GET',
    path: '/accountinfo',
    operation: 'read account info',
  })
  return {
    accountName: raw.AccountName ?? '',
    policy: raw.Policy ?? {},
    buckets: listOf(raw.Buckets).map((bucket) => {
      const createdAt = timeOrUndefined(bucket.created)
      return {
        name: bucket.name,
        canRead: bucket.access?.read ?? false,
        canWrite: bucket.access?.write ?? false,
        objects: bucket.objects ?? 0,
        sizeBytes: bucket.size ?? 0,
        ...(createdAt ? { createdAt } : {}),
      }
    }),
  }
}
