/**
 * The storage-security checklist of a deployment (the seed guide's list, checked live): each item
 * pass or fail, with its findings, why it matters and how to fix it.
 */
import { bucketChecks, connectionChecks } from './bucket-checks.ts'
import type { CheckItem, ChecklistInput } from './checklist.types.ts'
import { identityChecks } from './identity-checks.ts'

export const DEFAULT_ROTATION_DAYS = 90

export function runChecklist(input: ChecklistInput): CheckItem[] {
  return [...connectionChecks(input), ...bucketChecks(input), ...identityChecks(input)]
}
