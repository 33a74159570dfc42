import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

// Must match scripts/build-tools.sh, which builds these binaries from source.
const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c'
const MC_VERSION = process.env.GATEHOUSE_MC_VERSION ?? 'v0.0.0-20250313080218-cf909e1063a9'

function toolsDir(): string {
  return process.env.GATEHOUSE_TOOLS_DIR ?? join(homedir(), '.cache', 'gatehouse', 'tools')
}

function toolPath(name: string, version: string): string {
  const path = join(toolsDir(), `${name}-${version}`, name)
  if (!existsSync(path)) throw new Error(`${name} is not built yet: run scripts/build-tools.sh (expected ${path})`)
  return path
}

/** Path of the MinIO server binary built from source by scripts/build-tools.sh. */
export function minioBinary(): string {
  return toolPath('minio', MINIO_VERSION)
}

/** Path of the mc binary built from source by scripts/build-tools.sh. */
export function mcBinary(): string {
  return toolPath('mc', MC_VERSION)
}
