// Runs a differential test in several child processes at once, each with its own oracle, so a
// 100,000-case run uses every core the machine has. Test tooling only (node:*).
import { execFile } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { mergeReports, type DifferentialReport } from './differential.ts'

const run = promisify(execFile)
const SHARD_SCRIPT = fileURLToPath(new URL('./differential.shard.ts', import.meta.url))
// `--import tsx` resolves from the working directory: run shards from the repository root.
const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url))

/** Shards to use: GATEHOUSE_DIFF_SHARDS, else one per core (at most 4). */
export function defaultShardCount(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.GATEHOUSE_DIFF_SHARDS)
  return Number.isInteger(wanted) && wanted > 0 ? wanted : Math.max(1, Math.min(4, availableParallelism()))
}

/**
 * Runs cases 0…count-1 of `seed` split over `shards` child processes (case i goes to shard i mod
 * shards) and merges their reports. Assumes the oracle binary exists at `oraclePath`. Rejects if a
 * shard fails (its stderr is in the error).
 */
export async function runShardedDifferential(options: { seed: number; count: number; shards: number; oraclePath: string; keep?: number }): Promise<DifferentialReport> {
  const keep = options.keep ?? 10
  const reports = await Promise.all(
    Array.from({ length: options.shards }, async (_, shard) => {
      const args = ['--import', 'tsx', SHARD_SCRIPT, ...[options.seed, options.count, shard, options.shards, keep].map(String)]
      const { stdout } = await run(process.execPath, args, {
        cwd: REPOSITORY,
        env: { ...process.env, GATEHOUSE_POLICY_ORACLE: options.oraclePath },
        maxBuffer: 64 * 1024 * 1024,
      })
      return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as DifferentialReport
    }),
  )
  return mergeReports(reports, keep)
}
