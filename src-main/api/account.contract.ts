import { z } from 'zod'
import { connectionId } from './fields.ts'

/** What the screens ask of the connected credential; each maps to the admin action MinIO checks (§3.1). */
export const CAPABILITIES = {
  listUsers: 'admin:ListUsers',
  createUser: 'admin:CreateUser',
  deleteUser: 'admin:DeleteUser',
  enableUser: 'admin:EnableUser',
  getUser: 'admin:GetUser',
  listGroups: 'admin:ListGroups',
  getGroup: 'admin:GetGroup',
  changeGroupMembers: 'admin:AddUserToGroup',
  enableGroup: 'admin:EnableGroup',
  listPolicies: 'admin:ListUserPolicies',
  getPolicy: 'admin:GetPolicy',
  createPolicy: 'admin:CreatePolicy',
  deletePolicy: 'admin:DeletePolicy',
  attachPolicy: 'admin:AttachUserOrGroupPolicy',
  createAccessKey: 'admin:CreateServiceAccount',
  updateAccessKey: 'admin:UpdateServiceAccount',
  removeAccessKey: 'admin:RemoveServiceAccount',
  listAccessKeys: 'admin:ListServiceAccounts',
} as const

export type Capability = keyof typeof CAPABILITIES

const capabilities = z.object(
  Object.fromEntries(Object.keys(CAPABILITIES).map((key) => [key, z.boolean()])) as Record<Capability, z.ZodBoolean>,
)

export const accountContract = {
  /** Who the connection acts as and what it may do (a cheap reading of its effective policy). */
  'account.info': {
    input: z.object({ connectionId }),
    output: z.object({ accountName: z.string(), accessKey: z.string(), can: capabilities }),
  },
} as const

export type AccountView = z.output<(typeof accountContract)['account.info']['output']>
