import type { AppServices } from '../services/app-services.ts'
import type { auditContract } from './audit.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** Audit channels → AuditService (src-main/audit/audit.service.ts); its AppFailures reach dispatch as they are. */
export function auditHandlers({ audit, operator }: AppServices): DomainHandlers<typeof auditContract> {
  return {
    'audit.list': ({ filter, before, limit }) => audit.listSummaries(filter, { before, limit }),
    'audit.get': ({ id }) => audit.detail(id),
    'audit.verify': () => audit.verify(),
    // A download goes to the browser only: nothing is written under the data directory.
    'audit.export': ({ format, filter, target }) =>
      target === 'download' ? audit.exportForDownload({ format, filter, actor: operator }) : audit.exportToDataDirectory({ format, filter, actor: operator }),
    'audit.policyHistory': ({ policyName, connectionId }) => audit.policyHistory(policyName, connectionId),
    'audit.policyDiff': ({ policyName, connectionId, from, to }) => audit.policyDiff(policyName, from, to, connectionId),
    'audit.retention': () => audit.retention(),
    'audit.setRetention': (policy) => audit.setRetention(policy, operator),
    'audit.prune': () => audit.pruneBySavedPolicy(operator),
  }
}
