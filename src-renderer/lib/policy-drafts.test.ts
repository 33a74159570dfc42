import { describe, expect, it } from 'vitest'
import { PolicyDrafts } from './policy-drafts.svelte.ts'

describe('PolicyDrafts (a tester suggestion handed to the Policies editor)', () => {
  it('hands a draft only to the connection it was made for, once', () => {
    const shown: string[] = []
    const drafts = new PolicyDrafts((draft) => shown.push(draft.name))
    drafts.open({ name: 'team-read', text: '{}', connectionId: 'conn-b' })
    expect(shown).toEqual(['team-read'])
    // The previous connection's Policies screen may still be showing while the switch happens.
    expect(drafts.takeFor('conn-a')).toBeNull()
    expect(drafts.takeFor('conn-b')).toMatchObject({ name: 'team-read', connectionId: 'conn-b' })
    expect(drafts.takeFor('conn-b')).toBeNull()
  })

  it('hands a draft without a connection (an offline tester workspace) to the one showing', () => {
    const drafts = new PolicyDrafts(() => {})
    drafts.open({ name: 'p', text: '{}' })
    expect(drafts.takeFor('conn-a')).toMatchObject({ name: 'p' })
  })
})
