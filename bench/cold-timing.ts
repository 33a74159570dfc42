/**
 * Timing for the in-process access benchmarks (access, impact): each body runs once to warm the JIT,
 * then RUNS times "cold" (the body builds whatever it caches); the median wall and CPU times are printed.
 */
import { loadavg } from 'node:os'

export const RUNS = 5

/** The machine line every run starts with: the figures only compare with a reference of the same run. */
export function machineLine(): string {
  return `node ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** One run of `body`: wall and CPU milliseconds, and what it returned. */
export function time<T>(body: () => T): { ms: number; cpuMs: number; value: T } {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const value = body()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value }
}

/** Prints `label`'s median of RUNS cold runs (met/MISSED against `target` ms when given); returns the median wall ms. */
export function timed<T>(label: string, target: number | undefined, body: () => T, describe: (value: T) => string): number {
  body() // warm-up (JIT), not counted
  const runs = Array.from({ length: RUNS }, () => time(body))
  const ms = median(runs.map((run) => run.ms))
  const cpuMs = median(runs.map((run) => run.cpuMs))
  const verdict = target === undefined ? '' : ` (target < ${target} ms: ${ms < target ? 'met' : 'MISSED'})`
  console.log(`${label}: median ${ms.toFixed(1)} ms wall (${cpuMs.toFixed(1)} ms CPU) of ${RUNS} cold runs${verdict}; ${describe(runs[0]!.value)}`)
  return ms
}
