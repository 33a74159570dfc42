import { z } from 'zod'
import { connectionId, entityStatus, existingName, newGroupName } from './fields.ts'

// Channels of the Groups screen. Creating and deleting are member updates on MinIO (§4.2).
const groupView = z.object({
  name: z.string(),
  status: entityStatus,
  members: z.array(z.string()),
  /** Attached policies; MinIO reports none while the group is disabled (§4.2). */
  policies: z.array(z.string()),
  updatedAt: z.string().optional(),
})

const members = z.array(existingName('member access key')).max(1000, 'At most 1000 members per change.')
const groupRef = z.strictObject({ connectionId, name: existingName('group name') })

export const groupsContract = {
  'groups.list': { input: z.strictObject({ connectionId }), output: z.array(groupView) },
  'groups.get': { input: groupRef, output: groupView },
  'groups.create': { input: z.strictObject({ connectionId, name: newGroupName, members }), output: groupView },
  'groups.addMembers': { input: groupRef.extend({ members: members.min(1, 'Choose at least one user.') }), output: groupView },
  'groups.removeMembers': { input: groupRef.extend({ members: members.min(1, 'Choose at least one member.') }), output: groupView },
  'groups.setStatus': { input: groupRef.extend({ status: entityStatus }), output: groupView },
  /** Deletes an empty group; CONFLICT with `details.members` otherwise (or empties it first when asked). */
  'groups.remove': {
    input: groupRef.extend({ removeMembersFirst: z.boolean().default(false) }),
    output: z.object({ removed: z.literal(true), membersRemoved: z.array(z.string()) }),
  },
} as const

export type GroupView = z.output<typeof groupView>
