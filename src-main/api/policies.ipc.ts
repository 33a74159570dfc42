import { listBuckets } from '../services/access.service.ts'
import type { AppServices } from '../services/app-services.ts'
import { detachEverywhere, getPolicy, listPolicies, policyEntities, savePolicy } from '../services/policies.service.ts'
import { policyCatalogue } from '../services/policy-catalogue.ts'
import { removePolicy } from '../services/policy-remove.service.ts'
import { policyWorker } from '../services/policy-worker.ts'
import { listTemplates, renderTemplateText } from '../services/policy-templates.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { policiesContract } from './policies.contract.ts'

/** Policies channels: one call each on the connection's IAM session (changes audited there). */
export function policiesHandlers(services: AppServices): DomainHandlers<typeof policiesContract> {
  return {
    'policies.catalogue': async () => policyCatalogue(),
    'policies.buckets': ({ connectionId }) => services.withIam(connectionId, listBuckets),
    'policies.list': ({ connectionId }) => services.withIam(connectionId, listPolicies),
    'policies.get': ({ connectionId, name }) => services.withIam(connectionId, (iam) => getPolicy(iam, name)),
    'policies.entities': ({ connectionId, name }) => services.withIam(connectionId, (iam) => policyEntities(iam, name)),
    // Off the main thread, with a time budget: hostile input must not stall every other call.
    'policies.validate': ({ text, kind }) => policyWorker.run({ kind: 'checkPolicy', input: { text, kind } }),
    'policies.templates': async () => listTemplates(),
    'policies.renderTemplate': async ({ template, bucket, prefix }) => renderTemplateText(template, bucket, prefix),
    'policies.create': ({ connectionId, name, text }) => services.withIam(connectionId, (iam) => savePolicy(iam, 'create', name, text)),
    'policies.update': ({ connectionId, name, text }) => services.withIam(connectionId, (iam) => savePolicy(iam, 'update', name, text)),
    'policies.remove': ({ connectionId, name, deleteSavedCases }) => removePolicy(services, connectionId, name, { deleteSavedCases }),
    'policies.detachEverywhere': ({ connectionId, name }) => services.withIam(connectionId, (iam) => detachEverywhere(iam, name)),
    'policies.attach': async ({ connectionId, target, policies }) => ({
      changed: (await services.withIam(connectionId, (iam) => iam.attachPolicies(target, policies))).policies,
    }),
    'policies.detach': async ({ connectionId, target, policies }) => ({
      changed: (await services.withIam(connectionId, (iam) => iam.detachPolicies(target, policies))).policies,
    }),
  }
}
