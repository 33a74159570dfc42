import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { VaultCredentialStore } from '../../vault/vault-store.ts'

// Child process for vault-crash.test.ts: re-encrypts the vault under alternating passphrases until
// it is SIGKILLed. argv: data dir, passphrase A, passphrase B, where to die:
//   mid-write      SIGKILL itself after writing half of the new temp file
//   before-rename  SIGKILL itself after the temp file is complete and fsynced, before the rename
//   random         run until the test kills it at a random moment
const [dir = '', first = '', second = '', mode = 'random'] = process.argv.slice(2)
const die = () => process.kill(process.pid, 'SIGKILL')
const { writeSync } = fs
if (mode === 'mid-write') {
  fs.writeSync = ((fd: number, text: string) => (writeSync(fd, text.slice(0, text.length >> 1)), fs.fsyncSync(fd), die())) as unknown as typeof writeSync
}
if (mode === 'before-rename') fs.renameSync = die
syncBuiltinESMExports()

const store = new VaultCredentialStore(dir, { kdf: { passes: 1, memoryKiB: 8 * 1024, lanes: 1 } })
// An earlier kill may have left the file under either passphrase.
let [current, next]: string[] = await store.unlock(first).then(
  () => [first, second],
  () => [second, first],
)
for (let round = 0; ; round++) {
  if (round === 1) process.stdout.write('rekeying\n')
  await store.changePassphrase(current!, next!)
  ;[current, next] = [next, current]
}
