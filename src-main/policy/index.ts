/**
 * Public API of the policy engine (issue 3). Everything here is pure TypeScript: no node:*, no DOM.
 * parse → validate → compile → evaluate (+ explain), the case runner, the principal layer and the
 * catalogue. Parity target: github.com/minio/pkg/v3 `policy` v3.1.3.
 */
export type * from './types.ts'
export { parsePolicy, positionOf } from './parse.ts'
export { validatePolicy, validatePolicyName, CANNED_POLICY_MAX_BYTES, SESSION_POLICY_MAX_BYTES } from './validate-policy.ts'
export { compilePolicies, evaluate } from './evaluate.ts'
export type { CompiledPolicySet } from './compile.ts'
export { evaluateCase } from './case.ts'
export { deniedBeforePolicies, evaluatePrincipal, type DenyAllCause } from './principal.ts'
export { CompileCache } from './compile-cache.ts'
export { toConditionValues } from './condition-values.ts'
export { matchWildcard, matchWildcardSimple } from './text/wildcard.ts'
export * as catalogue from './catalogue.ts'
export { CURRENT_SEMANTICS, type PolicySemantics } from './semantics.ts'
