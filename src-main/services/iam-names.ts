/**
 * Names of MinIO's own that the services need. The contract (a leaf) keeps its own copy of what
 * travels on the wire; api/contract-lists.test.ts holds the two equal.
 */

/** MinIO's built-in policies (§4.9): always listed, can be overridden, not deleted unless overridden. */
export const BUILTIN_POLICIES = ['consoleAdmin', 'diagnostics', 'readonly', 'readwrite', 'writeonly'] as const

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

/** `account.info`: who the connection acts as and what it may do. */
export interface AccountView {
  accountName: string
  accessKey: string
  can: Record<Capability, boolean>
}
