import type { AppServices } from '../services/app-services.ts'
import { previewImpact } from '../services/impact.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { impactContract } from './impact.contract.ts'

/** The impact preview: reads the connection's IAM state live and asks the evaluator before and after. */
export function impactHandlers(services: AppServices): DomainHandlers<typeof impactContract> {
  return {
    'access.impact': ({ connectionId, change }) => previewImpact(services, connectionId, change),
  }
}
