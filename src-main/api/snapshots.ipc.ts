import type { AppServices } from '../services/app-services.ts'
import { applyConfirmedSnapshot, exportSnapshotText, planSnapshotText } from '../snapshot/snapshot.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { snapshotsContract } from './snapshots.contract.ts'

/** Snapshots channels → the snapshot service: export, plan and apply through the audited IAM session, as the CLI does. */
export function snapshotsHandlers(services: AppServices): DomainHandlers<typeof snapshotsContract> {
  return {
    'snapshots.export': ({ connectionId }) => exportSnapshotText(services, connectionId),
    'snapshots.plan': ({ connectionId, ...input }) => planSnapshotText(services, connectionId, input),
    'snapshots.apply': ({ connectionId, ...input }) => applyConfirmedSnapshot(services, connectionId, input),
  }
}
