import { createAccessKey, getAccessKey, setAccessKeyStatus, updateAccessKey } from '../services/access-keys.service.ts'
import { keyFacts, listAllAccessKeys, setKeyStatuses } from '../services/access-keys-listing.service.ts'
import type { AppServices } from '../services/app-services.ts'
import type { accessKeysContract } from './access-keys.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** Access-key channels: one call each on the connection's IAM session (changes audited there). */
export function accessKeysHandlers(services: AppServices): DomainHandlers<typeof accessKeysContract> {
  return {
    'accessKeys.list': ({ connectionId, user }) => services.withIam(connectionId, (iam) => iam.listAccessKeys(user)),
    'accessKeys.listAll': ({ connectionId, users }) => services.withIam(connectionId, (iam) => listAllAccessKeys(iam, users)),
    'accessKeys.details': ({ connectionId, owners }) => services.withIam(connectionId, (iam) => keyFacts(iam, owners)),
    'accessKeys.bulkSetStatus': ({ connectionId, accessKeys, status }) => services.withIam(connectionId, (iam) => setKeyStatuses(iam, accessKeys, status)),
    'accessKeys.get': ({ connectionId, accessKey }) => services.withIam(connectionId, (iam) => getAccessKey(iam, accessKey)),
    'accessKeys.create': ({ connectionId, ...input }) => services.withIam(connectionId, (iam) => createAccessKey(iam, input)),
    'accessKeys.update': ({ connectionId, accessKey, ...change }) => services.withIam(connectionId, (iam) => updateAccessKey(iam, accessKey, change)),
    'accessKeys.setStatus': ({ connectionId, accessKey, status }) => services.withIam(connectionId, (iam) => setAccessKeyStatus(iam, accessKey, status)),
    'accessKeys.remove': async ({ connectionId, accessKey }) => {
      await services.withIam(connectionId, (iam) => iam.deleteAccessKey(accessKey))
      return { removed: true as const }
    },
  }
}
