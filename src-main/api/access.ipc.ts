import { AccessAnalyzer } from '../access/access-analyzer.ts'
import type { AccessCell } from '../access/access-cell.ts'
import { checkAction } from '../access/access-catalogue.ts'
import { buildMatrix, matrixCsv } from '../access/access-matrix.ts'
import { parseResource, requestFor } from '../access/access-request.ts'
import { modelFromConnection } from '../services/access.service.ts'
import type { AppServices } from '../services/app-services.ts'
import { checkConnection } from '../services/checklist.service.ts'
import { AppFailure } from './result.ts'
import type { accessContract } from './access.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** The access module refuses a bad action or resource with an Error naming it: that is bad input. */
function checked<T>(body: () => T): T {
  try {
    return body()
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw new AppFailure('INVALID_INPUT', (error as Error).message)
  }
}

function answer(cell: AccessCell) {
  return { conditional: cell.isConditional, conditions: cell.conditionKeys, decidedBy: cell.decidedBy, summary: cell.summary }
}

/** Access channels: each reads the connection's IAM state live and asks the evaluator. */
export function accessHandlers(services: AppServices): DomainHandlers<typeof accessContract> {
  return {
    'access.whoCan': async ({ connectionId, action, resource, conditions }) => {
      const request = checked(() => requestFor(checkAction(action), parseResource(resource)))
      const analyzer = new AccessAnalyzer(await modelFromConnection(services, connectionId))
      const allowed = analyzer.whoCan(request, conditions).map((entry) => ({ kind: entry.kind, name: entry.name, ...answer(entry) }))
      return { action, resource, allowed }
    },
    'access.matrix': async ({ connectionId, principal, actions, resources, conditions }) => {
      const analyzer = new AccessAnalyzer(await modelFromConnection(services, connectionId))
      const matrix = checked(() => buildMatrix(analyzer, principal, { ...(actions?.length ? { actions } : {}), ...(resources?.length ? { resources } : {}), supplied: conditions }))
      const cells = matrix.cells.map((cell) => ({ action: cell.action, resource: cell.resource, decision: cell.effect, ...answer(cell) }))
      return { principal, actions: matrix.actions, resources: matrix.resources, cells, csv: matrixCsv(matrix) }
    },
    'access.check': ({ connectionId, rotationDays }) => checkConnection(services, connectionId, { rotationDays }),
  }
}
