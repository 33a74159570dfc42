import type { AppServices } from '../services/app-services.ts'
import { runUserBulk } from '../services/users-bulk.service.ts'
import type { bulkContract } from './bulk.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** The bulk channel: the run on the connection's IAM session, opened for it and closed after. */
export function bulkHandlers(services: AppServices): DomainHandlers<typeof bulkContract> {
  return {
    'users.bulk': ({ connectionId, accessKeys, action }) => services.withIam(connectionId, (iam) => runUserBulk(iam, accessKeys, action)),
  }
}
