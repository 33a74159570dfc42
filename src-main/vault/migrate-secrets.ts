import { AppFailure } from '../api/result.ts'
import type { CredentialStore } from './credential-store.ts'

/**
 * Moves the secrets and session tokens of the given connections from one store to another: copy
 * all, read every copy back, and only then delete the originals. A failure before the deletes
 * leaves the source whole (the copies are harmless duplicates in the target). Returns how many
 * entries moved.
 */
export async function migrateSecrets(from: CredentialStore, to: CredentialStore, connectionIds: string[]): Promise<number> {
  const stored = await from.storedIds()
  const moves: Array<{ id: string; kind: 'secret' | 'session token'; value: string }> = []
  for (const id of connectionIds) {
    const secret = stored.secrets.has(id) ? await from.getSecret(id) : null
    if (secret !== null) moves.push({ id, kind: 'secret', value: secret })
    const token = stored.sessionTokens.has(id) ? await from.getSessionToken(id) : null
    if (token !== null) moves.push({ id, kind: 'session token', value: token })
  }
  for (const move of moves) {
    if (move.kind === 'secret') await to.setSecret(move.id, move.value)
    else await to.setSessionToken(move.id, move.value)
  }
  for (const move of moves) {
    const copy = move.kind === 'secret' ? await to.getSecret(move.id) : await to.getSessionToken(move.id)
    if (copy !== move.value) {
      throw new AppFailure('INTERNAL', `The ${move.kind} of connection ${move.id} did not read back from ${to.backend}; nothing was removed from ${from.backend}.`)
    }
  }
  for (const move of moves) {
    if (move.kind === 'secret') await from.deleteSecret(move.id)
    else await from.deleteSessionToken(move.id)
  }
  return moves.length
}
