import type { AppServices } from '../services/app-services.ts'
import { listUsers, userDetail } from '../services/users.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { usersContract } from './users.contract.ts'

/** Users channels: one call each on the connection's IAM session (changes audited there). */
export function usersHandlers(services: AppServices): DomainHandlers<typeof usersContract> {
  return {
    'users.list': ({ connectionId }) => services.withIam(connectionId, listUsers),
    'users.get': ({ connectionId, accessKey }) => services.withIam(connectionId, (iam) => userDetail(iam, accessKey)),
    'users.create': async ({ connectionId, accessKey, secretKey }) => {
      await services.withIam(connectionId, (iam) => iam.createUser({ accessKey, secretKey, status: 'enabled' }))
      return { accessKey }
    },
    'users.setStatus': async ({ connectionId, accessKey, status }) => {
      await services.withIam(connectionId, (iam) => iam.setUserStatus(accessKey, status))
      return { status }
    },
    'users.changeSecret': async ({ connectionId, accessKey, secretKey }) => {
      await services.withIam(connectionId, (iam) => iam.setUserSecret(accessKey, secretKey))
      return { changed: true as const }
    },
    'users.remove': async ({ connectionId, accessKey }) => {
      await services.withIam(connectionId, (iam) => iam.removeUser(accessKey))
      return { removed: true as const }
    },
  }
}
