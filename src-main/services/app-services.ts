import { resolveDataDir } from '../shared/data-dir.ts'
import type { CredentialStore } from '../vault/credential-store.ts'
import { KeytarCredentialStore } from '../vault/keytar-store.ts'
import { ConnectionsService } from './connections.service.ts'
import { ValidationRateLimiter, configuredValidationRateLimit } from './validation-rate-limit.ts'

export interface AppServices {
  dataDir: string
  credentials: CredentialStore
  connections: ConnectionsService
}

export interface AppServicesOptions {
  dataDir?: string
  credentials?: CredentialStore
}

/** Builds the services the app, browser mode and the CLI share, on one data directory. */
export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const dataDir = options.dataDir ?? resolveDataDir()
  const credentials = options.credentials ?? new KeytarCredentialStore()
  const rateLimiter = new ValidationRateLimiter(dataDir, configuredValidationRateLimit(dataDir))
  return { dataDir, credentials, connections: new ConnectionsService(dataDir, credentials, rateLimiter) }
}
