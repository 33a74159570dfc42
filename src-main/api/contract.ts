import { z } from 'zod'
import { accessContract } from './access.contract.ts'
import { accessKeysContract } from './access-keys.contract.ts'
import { accountContract } from './account.contract.ts'
import { auditContract } from './audit.contract.ts'
import { bulkContract } from './bulk.contract.ts'
import { connectionsContract } from './connections.contract.ts'
import { groupsContract } from './groups.contract.ts'
import { impactContract } from './impact.contract.ts'
import { policiesContract } from './policies.contract.ts'
import { policyCasesContract } from './policy-cases.contract.ts'
import { policyRestoreContract } from './policy-restore.contract.ts'
import { snapshotsContract } from './snapshots.contract.ts'
import { testerContract } from './tester.contract.ts'
import { usersContract } from './users.contract.ts'
import { vaultContract } from './vault.contract.ts'

/**
 * The one contract between the renderer and main: every channel with its input and output schema,
 * composed from one `<domain>.contract.ts` per screen. The Electron preload exposes exactly these
 * channels; browser mode serves exactly these over loopback HTTP. Both transports validate input
 * with these schemas before any service runs. Renderer code imports this file with `import type` only.
 */
export const contract = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), transport: z.enum(['electron', 'browser']), dataDir: z.string(), keychain: z.string() }),
  },
  ...connectionsContract,
  ...testerContract,
  ...auditContract,
  ...usersContract,
  ...groupsContract,
  ...policiesContract,
  ...policyCasesContract,
  ...policyRestoreContract,
  ...accessKeysContract,
  ...accountContract,
  ...snapshotsContract,
  ...bulkContract,
  ...vaultContract,
  ...accessContract,
  ...impactContract,
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>
export type { ServerSummary, ConnectionView } from './connections.contract.ts'

/** The channel names, for the preload's allow-list and browser mode's router. */
export const CHANNELS = Object.freeze(Object.keys(contract)) as readonly Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}
