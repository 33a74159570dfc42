import type { AppServices } from '../services/app-services.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { connectionsContract } from './connections.contract.ts'

/** Connections channels → ConnectionsService. */
export function connectionsHandlers({ connections }: AppServices): DomainHandlers<typeof connectionsContract> {
  return {
    'connections.list': () => connections.list(),
    'connections.create': (input) => connections.create(input),
    'connections.update': ({ id, ...input }) => connections.update(id, input),
    'connections.remove': async ({ id }) => {
      await connections.remove(id)
      return { removed: true as const }
    },
    'connections.test': ({ id }) => connections.test(id),
  }
}
