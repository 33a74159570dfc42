/**
 * The MinIO admin API client: SigV4 transport, madmin payload crypto and the IAM endpoints.
 * Everything here runs in plain Node (no Electron) and throws AppFailure on expected failures.
 */
export { AdminClient } from './admin-client.ts'
export type { AdminConnection, ServerInfo, ServerNodeInfo } from './admin-client.ts'
