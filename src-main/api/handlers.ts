import type { AppServices } from '../services/app-services.ts'
import type { Handlers } from './dispatch.ts'

export interface TransportInfo {
  transport: 'electron' | 'browser'
  version: string
}

/** Maps every contract channel to its service call. Adapters stay thin: no logic here. */
export function createHandlers(services: AppServices, info: TransportInfo): Handlers {
  const { connections } = services
  return {
    'app.info': async () => ({ ...info, dataDir: services.dataDir, keychain: services.credentials.backend }),
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
