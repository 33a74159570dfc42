import { z } from 'zod'
import { connectionId } from './fields.ts'

/**
 * What the screens ask of the connected credential, by name. Which admin action each stands for
 * is the service's business (services/iam-names.ts); contract-lists.test.ts holds the names equal.
 */
export const CAPABILITY_NAMES = [
  'listUsers', 'createUser', 'deleteUser', 'enableUser', 'getUser', 'listGroups', 'getGroup', 'changeGroupMembers', 'enableGroup',
  'listPolicies', 'getPolicy', 'createPolicy', 'deletePolicy', 'attachPolicy', 'createAccessKey', 'updateAccessKey', 'removeAccessKey', 'listAccessKeys',
] as const

export type Capability = (typeof CAPABILITY_NAMES)[number]

const capabilities = z.object(
  Object.fromEntries(CAPABILITY_NAMES.map((key) => [key, z.boolean()])) as Record<Capability, z.ZodBoolean>,
)

export const accountContract = {
  /** Who the connection acts as and what it may do (a cheap reading of its effective policy). */
  'account.info': {
    input: z.strictObject({ connectionId }),
    output: z.object({ accountName: z.string(), accessKey: z.string(), can: capabilities }),
  },
} as const

export type AccountView = z.output<(typeof accountContract)['account.info']['output']>
