import type { AppServices } from '../services/app-services.ts'
import { accessHandlers } from './access.ipc.ts'
import { accessKeysHandlers } from './access-keys.ipc.ts'
import { accountHandlers } from './account.ipc.ts'
import { auditHandlers } from './audit.ipc.ts'
import { bulkHandlers } from './bulk.ipc.ts'
import { connectionsHandlers } from './connections.ipc.ts'
import { groupsHandlers } from './groups.ipc.ts'
import { impactHandlers } from './impact.ipc.ts'
import { policiesHandlers } from './policies.ipc.ts'
import { policyCasesHandlers } from './policy-cases.ipc.ts'
import { policyRestoreHandlers } from './policy-restore.ipc.ts'
import { snapshotsHandlers } from './snapshots.ipc.ts'
import { testerHandlers } from './tester.ipc.ts'
import { usersHandlers } from './users.ipc.ts'
import { vaultHandlers } from './vault.ipc.ts'
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
    ...testerHandlers(services),
    ...auditHandlers(services),
    ...usersHandlers(services),
    ...groupsHandlers(services),
    ...policiesHandlers(services),
    ...policyCasesHandlers(services),
    ...policyRestoreHandlers(services),
    ...accessKeysHandlers(services),
    ...accountHandlers(services),
    ...snapshotsHandlers(services),
    ...bulkHandlers(services),
    ...vaultHandlers(services),
    ...accessHandlers(services),
    ...impactHandlers(services),
  }
}
