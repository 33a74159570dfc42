import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { headlessHostEnv } from '../testbed/keyring/headless-env.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { chooseCredentialStore, describeStore } from './choose-store.ts'
import { VaultCredentialStore } from './vault-store.ts'

const tempDir = useTempDirs()

// Each choice runs in its own process: keytar's D-Bus connection and module cache are per process.
function describeChoiceIn(env: NodeJS.ProcessEnv, dataDir: string, preload: string[] = []): string {
  const script = `
    import { chooseCredentialStore, describeStore } from './src-main/vault/choose-store.ts'
    console.log(describeStore(await chooseCredentialStore(${JSON.stringify(dataDir)})))
  `
  return execFileSync(process.execPath, ['--import', 'tsx', ...preload, '--input-type=module', '-e', script], { env, encoding: 'utf8' })
}

describe('chooseCredentialStore', () => {
  it('with no D-Bus session: the vault, saying why and what to install', () => {
    expect(describeChoiceIn(headlessHostEnv(), tempDir('gatehouse-choice-'))).toMatch(
      /^Secrets: encrypted vault \(passphrase\), .*\(absent\)\. The OS keychain is not used: no Secret Service is reachable over D-Bus \(Cannot autolaunch D-Bus without X11 \$DISPLAY\)\. .*sudo apt-get install gnome-keyring dbus-user-session libsecret-1-0/,
    )
  })

  it('where npm skipped keytar (module absent): the vault, naming the packages for its build', () => {
    // Resolution of 'keytar' fails exactly as for a package npm did not install (an optional dependency whose build failed).
    const hooks = `data:text/javascript,export async function resolve(specifier, context, next) { if (specifier === 'keytar') { const error = new Error("Cannot find package 'keytar' imported from " + context.parentURL); error.code = 'ERR_MODULE_NOT_FOUND'; throw error } return next(specifier, context) }`
    const register = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(hooks)})`
    expect(describeChoiceIn(process.env, tempDir('gatehouse-choice-'), ['--import', register])).toMatch(
      /The OS keychain is not used: keytar \(the OS keychain binding\) is not installed: .*`sudo apt-get install libsecret-1-dev g\+\+ make python3` .*then `npm ci`\./,
    )
  })

  // Under scripts/with-keyring.sh, as npm test runs.
  it('with a Secret Service: the keychain; once a vault file exists: the vault', async () => {
    const dataDir = tempDir('gatehouse-choice-')
    expect(describeStore(await chooseCredentialStore(dataDir))).toBe('Secrets: keytar (OS keychain).')
    await new VaultCredentialStore(dataDir, { kdf: { passes: 1, memoryKiB: 8 * 1024, lanes: 1 } }).create('chosen on purpose')
    const chosen = await chooseCredentialStore(dataDir)
    expect(chosen).toBeInstanceOf(VaultCredentialStore)
    expect(describeStore(chosen)).toMatch(/^Secrets: encrypted vault \(passphrase\), .*\(locked\)\.$/)
  })
})
