import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { mcBinary } from './built-tools.ts'
import type { Deployment } from './deployments.ts'

const run = promisify(execFile)

export interface Mc {
  /** Runs `mc <args> --json` against the alias `gh` and returns the parsed JSON (the last line). */
  json: (...args: string[]) => Promise<Record<string, unknown>>
  /** Writes a file into mc's temp dir and returns its path (policy documents). */
  file: (name: string, content: string) => string
  cleanup: () => void
}

/** mc built from source, configured in a temp MC config dir with alias `gh` for the deployment's root. */
export async function createMc(deployment: Deployment): Promise<Mc> {
  const directory = mkdtempSync(join(tmpdir(), 'gatehouse-mc-'))
  const base = ['--config-dir', directory, '--no-color']
  // The alias comes from MC_HOST_gh, not `mc alias set`: a random secret may begin with '-', which
  // mc's argument parser takes for a flag (seen in CI). Fine for the test beds' base64url secrets;
  // mc does not percent-decode every character (a '+' or '/' in a secret would not survive).
  const { endpoint, accessKey, secretKey } = deployment.root
  const host = new URL(endpoint)
  host.username = accessKey
  host.password = secretKey
  const env = { ...process.env, MC_HOST_gh: host.href.replace(/\/$/, '') }
  return {
    json: async (...args) => {
      const { stdout } = await run(mcBinary(), [...base, '--json', ...args.map((arg) => (arg === 'ALIAS' ? 'gh' : arg))], { env })
      const lines = stdout.trim().split('\n')
      return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>
    },
    file: (name, content) => {
      const path = join(directory, name)
      writeFileSync(path, content)
      return path
    },
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  }
}
