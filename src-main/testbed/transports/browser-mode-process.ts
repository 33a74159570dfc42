import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..', '..')

export interface BrowserModeProcess {
  /** The URL browser mode printed to open, with its one-time launch ticket in the fragment. */
  openUrl: string
  output: () => string
  process: ChildProcess
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>
}

/**
 * Starts the real browser-mode entry (src-main/browser/main.ts, as `npm start -- --browser` does)
 * in its own process with exactly `env`, and resolves once it printed the URL to open. Rejects
 * with what it printed when it exits first. Assumes `npm run build` made out/renderer.
 */
export async function startBrowserModeProcess(env: NodeJS.ProcessEnv): Promise<BrowserModeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'browser', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const openUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open: (\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}): ${output}`)))
  })
  return {
    openUrl,
    output: () => output,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
