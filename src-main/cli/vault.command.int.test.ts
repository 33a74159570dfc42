import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headlessHostEnv } from '../testbed/keyring/headless-env.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { KeytarCredentialStore } from '../vault/keytar-store.ts'

const tempDir = useTempDirs()
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js')

function passphraseFile(dir: string, passphrase: string, mode = 0o600): string {
  const path = join(dir, 'passphrase')
  writeFileSync(path, `${passphrase}\n`, { mode })
  return path
}

/** Every file under the data directory, as text: the secret must be in none of them. */
function dataDirText(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
    .join('\n')
}

describe('gatehouse with no D-Bus session: the passphrase vault, against the real MinIO', () => {
  let minio: MinioServer
  beforeAll(async () => {
    minio = await startMinio()
  })
  afterAll(async () => {
    await minio.stop()
  })

  it('says why the keychain is not used and what to install, and refuses to save without a passphrase', () => {
    const dataDir = tempDir('gatehouse-nodbus-')
    const env = headlessHostEnv({ GATEHOUSE_DATA_DIR: dataDir })
    const status = spawnSync(process.execPath, [BIN, 'vault', 'status'], { env, encoding: 'utf8' })
    expect(status.stdout).toMatch(/^Secrets: encrypted vault \(passphrase\), .*secrets\.vault \(absent\)\. The OS keychain is not used: no Secret Service is reachable over D-Bus .*apt-get install gnome-keyring/)
    const added = spawnSync(process.execPath, [BIN, 'connection', 'add', 'nopass', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], { env, input: minio.rootSecretKey, encoding: 'utf8' })
    expect(added.status).toBe(1)
    expect(added.stderr).toMatch(/^VAULT_LOCKED: .*set GATEHOUSE_VAULT_PASSPHRASE_FILE/)
    expect(readdirSync(dataDir).filter((name) => name.startsWith('secrets'))).toEqual([])
  })

  it('adds a connection with a passphrase file, tests it OK, and the secret is in no file in plain text', () => {
    const dataDir = tempDir('gatehouse-nodbus-')
    const env = headlessHostEnv({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_VAULT_PASSPHRASE_FILE: passphraseFile(tempDir('gatehouse-pass-'), 'jump host passphrase') })
    const run = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8' })
    const added = run(['connection', 'add', 'local', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], `${minio.rootSecretKey}\n`)
    expect(added.stderr).toBe('')
    expect(added.stdout).toMatch(/secret stored in encrypted vault \(passphrase\)/)
    expect(run(['connection', 'list']).stdout).toMatch(/^Secrets: encrypted vault \(passphrase\), .*\(locked\)\..*\nNAME +ENDPOINT +ACCESS KEY\nlocal +http/s)
    const tested = run(['connection', 'test', 'local', '--json'])
    expect(tested.stderr).toBe('')
    expect(JSON.parse(tested.stdout)).toMatchObject({ mode: 'online', drivesOnline: 1 })
    expect(statSync(join(dataDir, 'secrets.vault')).mode & 0o777).toBe(0o600)
    expect(dataDirText(dataDir)).toContain(minio.endpoint) // the scan does read the profiles
    expect(dataDirText(dataDir)).not.toContain(minio.rootSecretKey)
  })

  it('refuses a wrong passphrase (file unchanged) and a passphrase file others can read', () => {
    const dataDir = tempDir('gatehouse-nodbus-')
    const passDir = tempDir('gatehouse-pass-')
    const good = headlessHostEnv({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_VAULT_PASSPHRASE_FILE: passphraseFile(passDir, 'the right passphrase') })
    spawnSync(process.execPath, [BIN, 'connection', 'add', 'one', '--endpoint', minio.endpoint, '--access-key', 'a'], { env: good, input: 'secret-one', encoding: 'utf8' })
    const before = readFileSync(join(dataDir, 'secrets.vault'))
    const wrong = headlessHostEnv({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_VAULT_PASSPHRASE_FILE: passphraseFile(tempDir('gatehouse-pass-'), 'not the passphrase') })
    const refused = spawnSync(process.execPath, [BIN, 'connection', 'add', 'two', '--endpoint', minio.endpoint, '--access-key', 'b'], { env: wrong, input: 'secret-two', encoding: 'utf8' })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/^VAULT_LOCKED: Wrong passphrase for the secrets vault .*Nothing was changed/)
    expect(readFileSync(join(dataDir, 'secrets.vault')).equals(before)).toBe(true)
    const open = headlessHostEnv({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_VAULT_PASSPHRASE_FILE: passphraseFile(tempDir('gatehouse-pass-'), 'the right passphrase', 0o644) })
    const exposed = spawnSync(process.execPath, [BIN, 'connection', 'test', 'one'], { env: open, encoding: 'utf8' })
    expect(exposed.stderr).toMatch(/^VAULT_LOCKED: Could not use the vault passphrase file .*readable by others; run `chmod 600/)
    const names = (JSON.parse(spawnSync(process.execPath, [BIN, 'connection', 'list', '--json'], { env: good, encoding: 'utf8' }).stdout) as Array<{ name: string }>).map((profile) => profile.name)
    expect(names).toEqual(['one'])
  })

  // Needs the real keyring (npm test runs under scripts/with-keyring.sh).
  it('migrates the secrets keychain → vault → keychain with one command each, testing OK after each move', async () => {
    const dataDir = tempDir('gatehouse-migrate-')
    const env = { ...process.env, GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_VAULT_PASSPHRASE_FILE: passphraseFile(tempDir('gatehouse-pass-'), 'migration passphrase') }
    const run = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8' })
    expect(run(['connection', 'add', 'moving', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], minio.rootSecretKey).stdout).toMatch(/stored in keytar \(OS keychain\)/)
    const id = (JSON.parse(run(['connection', 'list', '--json']).stdout) as Array<{ id: string }>)[0]!.id
    const keychain = new KeytarCredentialStore()
    expect(await keychain.getSecret(id)).toBe(minio.rootSecretKey)

    expect(run(['vault', 'migrate', '--to', 'vault']).stdout).toBe('Moved 1 secret of 1 connection to encrypted vault (passphrase).\n')
    expect(await keychain.getSecret(id)).toBeNull()
    expect(run(['connection', 'list']).stdout).toMatch(/^Secrets: encrypted vault/)
    expect(JSON.parse(run(['connection', 'test', 'moving', '--json']).stdout)).toMatchObject({ mode: 'online' })
    expect(dataDirText(dataDir)).not.toContain(minio.rootSecretKey)

    expect(run(['vault', 'migrate', '--to', 'keychain']).stdout).toBe('Moved 1 secret of 1 connection to keytar (OS keychain).\n')
    expect(readdirSync(dataDir)).not.toContain('secrets.vault')
    expect(await keychain.getSecret(id)).toBe(minio.rootSecretKey)
    expect(run(['connection', 'list']).stdout).toMatch(/^Secrets: keytar \(OS keychain\)\./)
    expect(JSON.parse(run(['connection', 'test', 'moving', '--json']).stdout)).toMatchObject({ mode: 'online' })
    expect(run(['connection', 'remove', 'moving']).status).toBe(0)
  })
})
