import { z } from 'zod'

/**
 * The one contract between the renderer and main: every channel with its input and output schema.
 * The Electron preload exposes exactly these channels; browser mode serves exactly these over
 * loopback HTTP. Both transports validate input with these schemas before any service runs.
 * Renderer code imports this file with `import type` only.
 */

const tlsSchema = z.object({
  allowSelfSigned: z.boolean(),
  caFile: z.string().max(4096).optional(),
})

const connectionInput = z.object({
  name: z.string().trim().min(1).max(100),
  endpoint: z.string().trim().min(1).max(2048),
  accessKey: z.string().trim().min(1).max(256),
  /** Optional on update: absent keeps the secret in the keychain. Never returned by any channel. */
  secretKey: z.string().min(1).max(1024).optional(),
  tls: tlsSchema,
})

const connectionView = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  accessKey: z.string(),
  tls: tlsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  warnings: z.array(z.string()),
  hasSecret: z.boolean(),
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

const connectionId = z.object({ id: z.string().min(1).max(100) })
const nothing = z.object({}).strict()

export const contract = {
  'app.info': {
    input: nothing,
    output: z.object({ version: z.string(), transport: z.enum(['electron', 'browser']), dataDir: z.string(), keychain: z.string() }),
  },
  'connections.list': { input: nothing, output: z.array(connectionView) },
  'connections.create': { input: connectionInput, output: connectionView },
  'connections.update': { input: connectionInput.extend({ id: z.string().min(1).max(100) }), output: connectionView },
  'connections.remove': { input: connectionId, output: z.object({ removed: z.literal(true) }) },
  'connections.test': { input: connectionId, output: serverSummary },
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>
export type ServerSummary = z.output<typeof serverSummary>
export type ConnectionView = z.output<typeof connectionView>

/** The channel names, for the preload's allow-list and browser mode's router. */
export const CHANNELS = Object.freeze(Object.keys(contract)) as readonly Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}
