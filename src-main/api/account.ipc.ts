import { accountView } from '../services/account.service.ts'
import type { AppServices } from '../services/app-services.ts'
import type { accountContract } from './account.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** Account channel: who the connection acts for and what the screens may offer it. */
export function accountHandlers(services: AppServices): DomainHandlers<typeof accountContract> {
  return {
    'account.info': ({ connectionId }) => services.withIam(connectionId, accountView),
  }
}
