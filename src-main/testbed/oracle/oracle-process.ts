// Test tooling only (never imported by the engine): talks to the Go oracle in tools/policy-oracle,
// which answers cases with MinIO's own evaluator. It lives in the test bed, not in src-main/policy,
// because it needs node:* and the engine may not.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

/** The oracle's answer to one case (the case format's output line). */
export type OracleAnswer = { id: string; allowed: boolean } | { id: string; error: string }

const BUILD_SCRIPT = fileURLToPath(new URL('../../../scripts/build-policy-oracle.sh', import.meta.url))

/**
 * Returns the path of the oracle binary, building it first if needed (scripts/build-policy-oracle.sh,
 * cached outside the repository; the first build takes about a minute). Throws with the script's
 * output when Go or the module proxy is unavailable.
 */
export function ensureOracleBinary(pkgVersion?: string): string {
  // With a version (v3.0.23, …): the same oracle built against that minio/pkg release.
  const output = execFileSync(BUILD_SCRIPT, pkgVersion ? [pkgVersion] : [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  const path = output.trim().split('\n').pop()
  if (!path) throw new Error(`${BUILD_SCRIPT} printed no binary path`)
  return path
}

/**
 * One long-running oracle process answering cases in order. `ask` writes a case and resolves with
 * its answer; callers may keep many asks in flight (the stream is pipelined, answers come back in
 * input order). Assumes nobody else writes to the process.
 */
export class OracleProcess {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly pending: Array<{ resolve: (answer: OracleAnswer) => void; reject: (error: Error) => void }> = []
  private failure: Error | undefined
  private stderrText = ''
  private drained: Promise<void> | undefined

  constructor(binaryPath: string) {
    this.child = spawn(binaryPath, [], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderrText += chunk))
    createInterface({ input: this.child.stdout }).on('line', (line) => this.pending.shift()?.resolve(JSON.parse(line) as OracleAnswer))
    this.child.on('error', (error) => this.fail(error))
    this.child.on('exit', (code) => this.fail(new Error(`policy oracle exited with ${code}: ${this.stderrText.trim()}`)))
    this.child.stdin.on('error', (error) => this.fail(error))
  }

  /** Sends one case; resolves with the oracle's answer. Rejects if the process has died. */
  async ask(testCase: unknown): Promise<OracleAnswer> {
    if (this.failure) throw this.failure
    const answer = new Promise<OracleAnswer>((resolve, reject) => this.pending.push({ resolve, reject }))
    if (!this.child.stdin.write(JSON.stringify(testCase) + '\n')) {
      // One shared wait per full pipe, rather than one 'drain' listener per pipelined case.
      this.drained ??= new Promise<void>((resolve) => this.child.stdin.once('drain', () => ((this.drained = undefined), resolve())))
    }
    if (this.drained) await this.drained
    return answer
  }

  /** Closes stdin and waits for the process to end. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.stdin.end()
    await exited
  }

  private fail(error: Error): void {
    if (this.pending.length === 0 && this.child.exitCode === 0) return
    this.failure ??= error
    for (const waiter of this.pending.splice(0)) waiter.reject(this.failure)
  }
}
