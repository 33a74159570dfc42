import type { SnapshotStepView } from '../../../src-main/api/snapshots.contract.ts'

/** The phases of an apply, in the words the screen uses (they run in this order). */
export const PHASE_LABELS: Record<SnapshotStepView['phase'], string> = {
  policies: 'Policies to create or update',
  create: 'Users and groups to create or enable',
  members: 'Group members',
  attachments: 'Policy attachments',
  accessKeys: 'Access keys',
  emptyGroups: 'Groups emptied before they are deleted',
  removeEntities: 'Users and groups to delete',
  removePolicies: 'Policies to delete',
  disable: 'Users and groups to disable',
}

const ENTITY_LABELS: Record<SnapshotStepView['entity'], string> = { policy: 'policy', user: 'user', group: 'group', accessKey: 'access key' }
const MARKS: Record<SnapshotStepView['kind'], string> = { create: '+', change: '~', remove: '−' }

/** "+ user alice: create (enabled; a new secret is generated)" */
export function describeStep(step: SnapshotStepView): string {
  return `${MARKS[step.kind]} ${ENTITY_LABELS[step.entity]} ${step.name}: ${step.summary}`
}
