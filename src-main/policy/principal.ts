/** Placeholder replaced below. */
import type { PolicyRequest, PrincipalDecision, PrincipalInput } from './types.ts'

export function evaluatePrincipal(_principal: PrincipalInput, _request: PolicyRequest): PrincipalDecision {
  return { effect: 'implicitDeny', allowed: false, reason: 'noPolicies', summary: 'not implemented' }
}
