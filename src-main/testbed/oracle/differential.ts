import { generateCases, type PolicyCase } from '../policy-fuzz/generate-case.ts'
import type { OracleAnswer } from './oracle-process.ts'

/** What our engine answered for a case (its CaseOutcome without explanation), or that it threw. */
export type EngineAnswer = { id: string; allowed: boolean } | { id: string; error: string } | { id: string; threw: string }

export type Verdict = 'agree' | 'decision' | 'message'

/** A disagreement, ready to paste into src-main/policy/vectors/found-<topic>.json. */
export interface MismatchVector {
  id: string
  description: string
  policies: PolicyCase['policies']
  request: PolicyCase['request']
  expect: { allowed: boolean } | { error: string }
}

export interface DifferentialReport {
  seed: number
  count: number
  agreed: number
  decisionMismatches: number
  messageMismatches: number
  mix: { allowed: number; denied: number; error: number }
  /** The first mismatches (up to the `keep` option), as vectors. */
  vectors: MismatchVector[]
  seconds: number
}

export interface DifferentialOptions {
  seed: number
  /** Cases of the whole run; with `from`/`step` this process answers only indexes from, from+step, … */
  count: number
  from?: number
  step?: number
  ask: (testCase: PolicyCase) => Promise<OracleAnswer>
  evaluate: (testCase: PolicyCase) => EngineAnswer
  keep?: number
  /** Cases kept in flight to the oracle at once (pipelining hides the round trip). */
  window?: number
  onProgress?: (done: number, report: DifferentialReport) => void
}

// Go's encoding/json words its type and syntax errors differently across Go versions, so the spec
// (§1.2 item 6) treats them as one category: any engine error agrees with one of these.
const GO_JSON_ERROR = /^(json: |invalid character |unexpected end of JSON input$|unexpected EOF$|EOF$|invalid use of |cannot unmarshal )/

/**
 * Puts a message in comparable form. MinIO prints multi-key lists in random map order, and the
 * detail Go's time parser appends (`parsing time "…" as "…": cannot parse …`) is standard-library
 * wording, like the JSON errors above, so only its start is compared.
 */
export function normalizeMessage(message: string): string {
  return message
    .replace(/'\[([^\]]*)\]'/g, (_, list: string) => `'[${list.split(' ').sort().join(' ')}]'`)
    .replace(/: parsing time ".*$/s, ': parsing time …')
}

/**
 * Compares one oracle answer with one engine answer: `decision` when allowed/denied/rejected differ
 * (or the engine threw), `message` when both reject with different MinIO messages, else `agree`.
 */
export function compareAnswers(oracle: OracleAnswer, engine: EngineAnswer): Verdict {
  if ('threw' in engine) return 'decision'
  if ('allowed' in oracle) return 'allowed' in engine && engine.allowed === oracle.allowed ? 'agree' : 'decision'
  if (!('error' in engine)) return 'decision'
  if (GO_JSON_ERROR.test(oracle.error)) return 'agree'
  return normalizeMessage(oracle.error) === normalizeMessage(engine.error) ? 'agree' : 'message'
}

/** Turns a disagreement into a vector whose expectation is the oracle's (MinIO's) answer. */
export function toVector(testCase: PolicyCase, oracle: OracleAnswer, engine: EngineAnswer, seed: number): MismatchVector {
  const said = (answer: OracleAnswer | EngineAnswer): string =>
    'allowed' in answer ? (answer.allowed ? 'allowed' : 'denied') : 'error' in answer ? `error "${answer.error}"` : `threw "${answer.threw}"`
  return {
    id: `diff-${testCase.id}`,
    description: `differential seed ${seed}: MinIO v3.1.3 ${said(oracle)}, engine ${said(engine)}`,
    policies: testCase.policies,
    request: testCase.request,
    expect: 'allowed' in oracle ? { allowed: oracle.allowed } : { error: oracle.error },
  }
}

/**
 * Generates `count` cases from `seed`, answers each with the oracle and the engine, and tallies the
 * agreement. Never throws for a disagreement; rejects only if the oracle process fails.
 */
export async function runDifferential(options: DifferentialOptions): Promise<DifferentialReport> {
  const started = performance.now()
  const keep = options.keep ?? 10
  const window = options.window ?? 512
  const report: DifferentialReport = {
    seed: options.seed, count: 0, agreed: 0, decisionMismatches: 0, messageMismatches: 0,
    mix: { allowed: 0, denied: 0, error: 0 }, vectors: [], seconds: 0,
  }
  const inFlight: Array<{ testCase: PolicyCase; engine: EngineAnswer; oracle: Promise<OracleAnswer> }> = []
  const settle = async (): Promise<void> => {
    const next = inFlight.shift()
    if (!next) return
    const oracle = await reconcile(await next.oracle, next.testCase, next.engine, options.ask)
    tally(report, next.testCase, oracle, next.engine, keep)
    if (options.onProgress && report.count % 10_000 === 0) options.onProgress(report.count, report)
  }
  for (const testCase of generateCases(options.seed, options.count, options.from, options.step)) {
    inFlight.push({ testCase, engine: options.evaluate(testCase), oracle: options.ask(testCase) })
    if (inFlight.length >= window) await settle()
  }
  while (inFlight.length > 0) await settle()
  report.seconds = (performance.now() - started) / 1000
  return report
}

// MinIO walks Go maps (action and resource sets, condition blocks) while validating, so a document
// with two faults is reported with either message at random. On a message mismatch, ask again a
// few times: if MinIO ever gives the engine's message, the engine's choice is one MinIO makes too.
const RETRIES_FOR_RANDOM_ORDER = 16

async function reconcile(first: OracleAnswer, testCase: PolicyCase, engine: EngineAnswer, ask: DifferentialOptions['ask']): Promise<OracleAnswer> {
  if (compareAnswers(first, engine) !== 'message') return first
  for (let attempt = 0; attempt < RETRIES_FOR_RANDOM_ORDER; attempt++) {
    const again = await ask(testCase)
    if (compareAnswers(again, engine) === 'agree') return again
  }
  return first
}

function tally(report: DifferentialReport, testCase: PolicyCase, oracle: OracleAnswer, engine: EngineAnswer, keep: number): void {
  report.count++
  if ('error' in oracle) report.mix.error++
  else if (oracle.allowed) report.mix.allowed++
  else report.mix.denied++
  const verdict = compareAnswers(oracle, engine)
  if (verdict === 'agree') {
    report.agreed++
    return
  }
  if (verdict === 'decision') report.decisionMismatches++
  else report.messageMismatches++
  if (report.vectors.length < keep) report.vectors.push(toVector(testCase, oracle, engine, report.seed))
}

/** Adds up the reports of shards of one run (same seed); keeps the first `keep` vectors. */
export function mergeReports(reports: DifferentialReport[], keep = 10): DifferentialReport {
  const merged: DifferentialReport = {
    seed: reports[0]?.seed ?? 0, count: 0, agreed: 0, decisionMismatches: 0, messageMismatches: 0,
    mix: { allowed: 0, denied: 0, error: 0 }, vectors: [], seconds: 0,
  }
  for (const report of reports) {
    merged.count += report.count
    merged.agreed += report.agreed
    merged.decisionMismatches += report.decisionMismatches
    merged.messageMismatches += report.messageMismatches
    merged.mix.allowed += report.mix.allowed
    merged.mix.denied += report.mix.denied
    merged.mix.error += report.mix.error
    merged.vectors.push(...report.vectors.slice(0, keep - merged.vectors.length))
    merged.seconds = Math.max(merged.seconds, report.seconds)
  }
  return merged
}

/** A one-paragraph summary for logs: seed, counts, mix and timing. */
export function describeReport(report: DifferentialReport): string {
  const percent = (part: number): string => ((100 * part) / Math.max(1, report.count)).toFixed(1) + '%'
  return [
    `differential: seed ${report.seed}, ${report.count} cases in ${report.seconds.toFixed(1)} s`,
    `agreement ${report.agreed}/${report.count} (${((100 * report.agreed) / Math.max(1, report.count)).toFixed(4)}%),`,
    `${report.decisionMismatches} decision and ${report.messageMismatches} message mismatches;`,
    `mix: allowed ${percent(report.mix.allowed)}, denied ${percent(report.mix.denied)}, rejected ${percent(report.mix.error)}`,
  ].join(' ')
}
