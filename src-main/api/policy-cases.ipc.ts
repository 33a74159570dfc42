import type { AppServices } from '../services/app-services.ts'
import type { PolicyCaseResult } from '../services/policy-cases-run.ts'
import { policyWorker } from '../services/policy-worker.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { policyCasesContract } from './policy-cases.contract.ts'

/** Saved policy cases: a local file per connection + policy; running them is offline, in the policy worker. */
export function policyCasesHandlers(services: AppServices): DomainHandlers<typeof policyCasesContract> {
  return {
    'policyCases.list': async ({ connectionId, policy }) => services.policyCases.list(connectionId, policy),
    'policyCases.save': async ({ connectionId, policy, case: item }) => services.policyCases.save(connectionId, policy, item),
    'policyCases.remove': async ({ connectionId, policy, name }) => services.policyCases.remove(connectionId, policy, name),
    'policyCases.run': ({ connectionId, policy, text }) =>
      policyWorker.run<PolicyCaseResult[]>({ kind: 'runCases', input: { text, cases: services.policyCases.list(connectionId, policy) } }),
  }
}
