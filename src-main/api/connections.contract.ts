import { z } from 'zod'
import { connectionId } from './fields.ts'

// Channels of the Connections screen. Secrets (secret key, session token) go in (create/update) and never come out.
const tlsSchema = z.object({
  allowSelfSigned: z.boolean(),
  caFile: z.string().max(4096).optional(),
})

const connectionInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  endpoint: z.string().trim().min(1).max(2048),
  accessKey: z.string().trim().min(1).max(256),
  /** Optional on update: absent keeps the secret in the keychain. Never returned by any channel. */
  secretKey: z.string().min(1).max(1024).optional(),
  /** STS session token of temporary credentials (keychain only, never returned). See ConnectionInput. */
  sessionToken: z.string().trim().min(1).max(16_384).optional(),
  /** When the temporary credentials expire (ISO 8601); a warning shows 10 minutes before. */
  sessionExpiresAt: z.string().trim().max(64).optional(),
  tls: tlsSchema.strict(),
})

const connectionView = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  accessKey: z.string(),
  tls: tlsSchema,
  sessionExpiresAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  warnings: z.array(z.string()),
  hasSecret: z.boolean(),
  hasSessionToken: z.boolean(),
})

/** Mirrors minio/server-info.ts ServerInfo, plus the endpoint that answered. */
const serverSummary = z.object({
  endpoint: z.string(),
  mode: z.string(),
  deploymentId: z.string(),
  region: z.string().optional(),
  versions: z.array(z.string()),
  backendType: z.string(),
  drivesOnline: z.number(),
  drivesOffline: z.number(),
  bucketCount: z.number(),
  objectCount: z.number(),
  usageBytes: z.number(),
  servers: z.array(
    z.object({
      endpoint: z.string(),
      state: z.string(),
      version: z.string(),
      commitId: z.string(),
      uptimeSeconds: z.number(),
      drivesOnline: z.number(),
      drivesOffline: z.number(),
    }),
  ),
})

const connectionRef = z.strictObject({ id: connectionId })

export const connectionsContract = {
  'connections.list': { input: z.strictObject({}).strict(), output: z.array(connectionView) },
  'connections.create': { input: connectionInput, output: connectionView },
  'connections.update': { input: connectionInput.extend({ id: z.string().min(1).max(100) }), output: connectionView },
  'connections.remove': { input: connectionRef, output: z.object({ removed: z.literal(true) }) },
  'connections.test': { input: connectionRef, output: serverSummary },
} as const

export type ServerSummary = z.output<typeof serverSummary>
export type ConnectionView = z.output<typeof connectionView>
