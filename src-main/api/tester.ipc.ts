import type { AppServices } from '../services/app-services.ts'
import { iamStateFromSnapshot, loadLivePrincipal } from '../services/tester-sources.service.ts'
import { policyWorker } from '../services/policy-worker.ts'
import { catalogueView } from '../services/tester.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { testerContract } from './tester.contract.ts'

/**
 * Tester channels → the offline engine (tester.service) and, for live principals, the connection's
 * IAM session (reads only, an object's tags included). Validation and the user list are policies.validate and users.list.
 */
export function testerHandlers(services: AppServices): DomainHandlers<typeof testerContract> {
  return {
    'tester.catalogue': async () => catalogueView(),
    // Off the main thread, with a time budget: hostile input must not stall every other call.
    'tester.evaluate': (input) => policyWorker.run({ kind: 'evaluate', input }),
    'tester.whyNot': (input) => policyWorker.run({ kind: 'whyNot', input }),
    'tester.loadSnapshot': async ({ text, fileName }) => iamStateFromSnapshot(text, fileName),
    'tester.loadPrincipal': ({ connectionId, user }) => services.withIam(connectionId, (iam) => loadLivePrincipal(iam, user)),
    'tester.objectTags': ({ connectionId, bucket, key, versionId }) => services.withIam(connectionId, (iam) => iam.objectTags(bucket, key, versionId)),
  }
}
