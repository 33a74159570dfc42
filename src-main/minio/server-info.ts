import { parseJson } from './calls.ts'
import { notAdminApiFailure } from './errors.ts'
import type { AdminTransport } from './transport.ts'

/** One MinIO process of a deployment, as the UI shows it. */
export interface ServerNodeInfo {
  endpoint: string
  /** online | offline | initializing, as MinIO reports it. */
  state: string
  version: string
  commitId: string
  uptimeSeconds: number
  drivesOnline: number
  drivesOffline: number
}

/** What a UI shows about a deployment (GET /info). */
export interface ServerInfo {
  /** online | initializing | ... */
  mode: string
  deploymentId: string
  region?: string
  /** Distinct server versions across nodes; more than one means a rolling upgrade or a mismatch. */
  versions: string[]
  backendType: string
  drivesOnline: number
  drivesOffline: number
  bucketCount: number
  objectCount: number
  usageBytes: number
  servers: ServerNodeInfo[]
}

interface RawDrive {
  state?: string
}
interface RawServer {
  state?: string
  endpoint?: string
  version?: string
  commitID?: string
  uptime?: number
  drives?: RawDrive[] | null
}
interface RawInfo {
  mode?: string
  deploymentID?: string
  region?: string
  buckets?: { count?: number }
  objects?: { count?: number }
  usage?: { size?: number }
  backend?: { backendType?: string; onlineDisks?: number; offlineDisks?: number }
  servers?: RawServer[] | null
}

/**
 * GET /info (needs admin:ServerInfo; works before the object layer is ready). Throws AppFailure;
 * a reply without MinIO's shape throws MINIO_NOT_ADMIN_API.
 */
export async function fetchServerInfo(transport: AdminTransport): Promise<ServerInfo> {
  const request = {
    method: 'GET',
    path: '/info',
    operation: 'read server info',
    action: 'admin:ServerInfo',
  } as const
  const response = await transport.send(request)
  const raw = parseJson<RawInfo | null>(transport, request, response)
  // A JSON reply without MinIO's shape (another JSON service at that address) is not the admin API.
  if (!raw || typeof raw !== 'object' || typeof raw.mode !== 'string') {
    throw notAdminApiFailure(
      { endpoint: transport.endpoint, accessKey: transport.accessKey, operation: request.operation },
      response.status,
      response.contentType,
      response.body,
    )
  }
  return toServerInfo(raw)
}

/** Keeps the fields a UI needs from MinIO's InfoMessage. */
export function toServerInfo(raw: RawInfo): ServerInfo {
  const servers = (raw.servers ?? []).map(toServerNode)
  return {
    mode: raw.mode ?? 'unknown',
    deploymentId: raw.deploymentID ?? '',
    ...(raw.region ? { region: raw.region } : {}),
    versions: [...new Set(servers.map((server) => server.version).filter(Boolean))].sort(),
    backendType: raw.backend?.backendType ?? 'unknown',
    drivesOnline: raw.backend?.onlineDisks ?? servers.reduce((sum, server) => sum + server.drivesOnline, 0),
    drivesOffline:
      raw.backend?.offlineDisks ?? servers.reduce((sum, server) => sum + server.drivesOffline, 0),
    bucketCount: raw.buckets?.count ?? 0,
    objectCount: raw.objects?.count ?? 0,
    usageBytes: raw.usage?.size ?? 0,
    servers,
  }
}

function toServerNode(raw: RawServer): ServerNodeInfo {
  const drives = raw.drives ?? []
  const online = drives.filter((drive) => drive.state === 'ok').length
  return {
    endpoint: raw.endpoint ?? '',
    state: raw.state ?? 'unknown',
    version: raw.version ?? '',
    commitId: raw.commitID ?? '',
    uptimeSeconds: raw.uptime ?? 0,
    drivesOnline: online,
    drivesOffline: drives.length - online,
  }
}
