import { KEYCHAIN_SERVICE } from './credential-store.ts'

interface KeytarLister {
  findCredentials(service: string): Promise<unknown[]>
}

// A locked keyring may show an unlock prompt; a headless host has nobody to answer it.
const PROBE_TIMEOUT_MS = 10_000

/**
 * Null when the OS keychain answers here (keytar loads and one listing succeeds), else why not,
 * with exactly what to install or start. Never reads a secret.
 */
export async function keychainProblem(): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined
  try {
    const module = (await import('keytar')) as { default?: KeytarLister } & KeytarLister
    const keytar = module.default ?? module
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the keychain gave no answer within ${PROBE_TIMEOUT_MS / 1000} s (locked, and nobody to unlock it?)`)), PROBE_TIMEOUT_MS)
    })
    await Promise.race([keytar.findCredentials(KEYCHAIN_SERVICE), timeout])
    return null
  } catch (error) {
    return describeKeychainProblem(error instanceof Error ? error.message : String(error))
  } finally {
    clearTimeout(timer)
  }
}

/** The reason keytar gave, and what fixes it. */
export function describeKeychainProblem(reason: string): string {
  if (/Cannot find (module|package) 'keytar'|ERR_MODULE_NOT_FOUND/.test(reason)) {
    return (
      'keytar (the OS keychain binding) is not installed: npm could not build it. To use the keychain: ' +
      '`sudo apt-get install libsecret-1-dev g++ make python3` (Debian/Ubuntu; Fedora: libsecret-devel gcc-c++ make), then `npm ci`.'
    )
  }
  if (/libsecret-1\.so/.test(reason)) return `keytar cannot load libsecret (${reason}). To use the keychain: \`sudo apt-get install libsecret-1-0\`.`
  if (/D-?Bus|DBUS|org\.freedesktop\.secrets|\.service files/i.test(reason)) {
    return (
      `no Secret Service is reachable over D-Bus (${reason}). To use the keychain: log in to a desktop session with a keyring, ` +
      'or on a headless host `sudo apt-get install gnome-keyring dbus-user-session libsecret-1-0` and run Gatehouse inside a D-Bus session ' +
      'with an unlocked gnome-keyring-daemon (see README, "Headless hosts").'
    )
  }
  return `the OS keychain did not answer (${reason}).`
}
