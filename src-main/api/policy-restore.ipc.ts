import type { AppServices } from '../services/app-services.ts'
import { previewRestore, restorePolicyVersion } from '../services/policy-restore.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { policyRestoreContract } from './policy-restore.contract.ts'

/** Restore channels: the version from the audit trail, the change on the connection's IAM session (audited there). */
export function policyRestoreHandlers(services: AppServices): DomainHandlers<typeof policyRestoreContract> {
  return {
    'policies.restorePreview': ({ connectionId, policyName, version }) =>
      services.withIam(connectionId, (iam) => previewRestore(iam, services.audit, policyName, version)),
    'policies.restore': ({ connectionId, ...request }) => services.withIam(connectionId, (iam) => restorePolicyVersion(iam, services.audit, request)),
  }
}
