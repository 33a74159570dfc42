import type { AppServices } from '../services/app-services.ts'
import { connectionsHandlers } from './connections.ipc.ts'
import type { Handlers } from './dispatch.ts'

export interface TransportInfo {
  transport: 'electron' | 'browser'
  version: string
}

/** Every contract channel mapped to its service call, composed from one `<domain>.ipc.ts` per screen. */
export function createHandlers(services: AppServices, info: TransportInfo): Handlers {
  return {
    'app.info': async () => ({ ...info, dataDir: services.dataDir, keychain: services.credentials.backend }),
    ...connectionsHandlers(services),
  }
}
