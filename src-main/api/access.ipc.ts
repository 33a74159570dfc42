import { matrixView, whoCanView } from '../services/access.service.ts'
import type { AppServices } from '../services/app-services.ts'
import { checkConnection } from '../services/checklist.service.ts'
import type { accessContract } from './access.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** Access channels: each reads the connection's IAM state live (its IAM session) and asks the evaluator. */
export function accessHandlers(services: AppServices): DomainHandlers<typeof accessContract> {
  return {
    'access.whoCan': ({ connectionId, ...question }) => whoCanView(services, connectionId, question),
    'access.matrix': ({ connectionId, ...question }) => matrixView(services, connectionId, question),
    'access.check': ({ connectionId, rotationDays }) => checkConnection(services, connectionId, { rotationDays }),
  }
}
