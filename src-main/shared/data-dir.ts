import { homedir, platform } from 'node:os'
import { join } from 'node:path'

/**
 * The app's data directory: GATEHOUSE_DATA_DIR when set, else the OS convention, matching what
 * Electron's `app.getPath('userData')` gives for an app named Gatehouse, so the desktop app,
 * browser mode and the CLI share one set of profiles and one audit database.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, os: NodeJS.Platform = platform()): string {
  const override = env.GATEHOUSE_DATA_DIR?.trim()
  if (override) return override
  const home = env.HOME ?? homedir()
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'Gatehouse')
  if (os === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Gatehouse')
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Gatehouse')
}
