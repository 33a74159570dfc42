import { z } from 'zod'
import { connectionId, entityStatus, existingName, newUserName, userSecret } from './fields.ts'

// Channels of the Users screen. A user's secret goes in (create, changeSecret) and never comes out.
const userView = z.object({
  accessKey: z.string(),
  status: entityStatus,
  /** Policies attached to the user directly. */
  policies: z.array(z.string()),
  memberOf: z.array(z.string()),
})

const effectivePolicy = z.object({
  policy: z.string(),
  /** 'user' for a direct attachment, otherwise the group it comes through. */
  via: z.string(),
  isActive: z.boolean(),
})

const userDetail = userView.extend({
  policyUpdatedAt: z.string().optional(),
  groups: z.array(z.object({ name: z.string(), status: entityStatus, policies: z.array(z.string()) })),
  /** Every policy that reaches the user and whether it applies (§4.6: a disabled group denies everything). */
  effective: z.array(effectivePolicy),
  /** Why the user currently has no access at all, when that is the case. */
  deniedAllReason: z.string().optional(),
})

const userRef = z.strictObject({ connectionId, accessKey: existingName('user access key') })

export const usersContract = {
  'users.list': { input: z.strictObject({ connectionId }), output: z.array(userView) },
  'users.get': { input: userRef, output: userDetail },
  'users.create': {
    input: z.strictObject({ connectionId, accessKey: newUserName, secretKey: userSecret }),
    output: z.object({ accessKey: z.string() }),
  },
  'users.setStatus': { input: userRef.extend({ status: entityStatus }), output: z.object({ status: entityStatus }) },
  'users.changeSecret': { input: userRef.extend({ secretKey: userSecret }), output: z.object({ changed: z.literal(true) }) },
  'users.remove': { input: userRef, output: z.object({ removed: z.literal(true) }) },
} as const

export type UserView = z.output<typeof userView>
export type UserDetail = z.output<typeof userDetail>
