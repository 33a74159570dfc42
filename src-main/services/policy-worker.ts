import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { AppError } from '../api/result.ts'
import { AppFailure } from '../api/result.ts'
import type { DeploymentModel } from '../access/deployment.ts'
import type { ProposedChange } from '../access/impact.ts'
import type { PolicyCase } from './policy-cases-run.ts'
import type { evaluateWorkspace } from './tester.service.ts'

/** The policy work that can take long on hostile input, run off the main thread. */
export type PolicyTask =
  | { kind: 'evaluate'; input: Parameters<typeof evaluateWorkspace>[0] }
  | { kind: 'whyNot'; input: Parameters<typeof evaluateWorkspace>[0] }
  | { kind: 'checkPolicy'; input: { text: string; kind: 'canned' | 'session'; name?: string } }
  | { kind: 'runCases'; input: { text: string; cases: PolicyCase[] } }
  /** The impact preview over a connection's whole state: seconds on thousands of users (`now` in ms). */
  | { kind: 'impact'; input: { model: DeploymentModel; change: ProposedChange; now: number } }

export type PolicyTaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; failure: AppError } | { id: number; ok: false; bug: string }

/** An evaluation MinIO answers in microseconds; one over this is hostile or pathological input. */
export const DEFAULT_BUDGET_MS = 5_000
/**
 * The impact preview asks every principal a change reaches on every action and resource it can
 * alter: ~1 s for a policy attached to 1,000 users (bench/impact.bench.ts), so a 10,000-user
 * deployment needs more than an evaluation's budget. Past this it is refused, not left running.
 */
export const IMPACT_BUDGET_MS = 30_000

interface Pending {
  task: PolicyTask
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

interface Slot {
  worker: Worker
  /** The thread has loaded its code: the budget counts from here, not from a cold start. */
  ready: boolean
  busy?: { id: number; pending: Pending; timer?: NodeJS.Timeout }
}

/**
 * Where the worker's code is: the .ts source under tsx; in the Electron build, out/main/policy-worker.js
 * beside index.js (this module may sit in out/main/chunks/ when the bundler shares it).
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) return { url: new URL('./policy-worker.thread.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
  const candidates = [new URL('./policy-worker.js', import.meta.url), new URL('../policy-worker.js', import.meta.url)]
  return { url: candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? candidates[0]!, execArgv: [] }
}

/**
 * A small pool of worker threads for evaluation, validation and lint, so no request can stall the
 * process that answers every other one (Electron's main process, browser mode). Each task has a
 * time budget; a worker over it is terminated (that stops even a busy loop) and replaced, and the
 * task fails with INVALID_INPUT naming the most costly pattern of the input.
 */
export class PolicyWorkerPool {
  #slots: Slot[] = []
  #queue: Pending[] = []
  #nextId = 1

  constructor(
    private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1)),
    private readonly budgetMs = DEFAULT_BUDGET_MS,
    private readonly impactBudgetMs = IMPACT_BUDGET_MS,
  ) {}

  #budgetOf(task: PolicyTask): number {
    return task.kind === 'impact' ? this.impactBudgetMs : this.budgetMs
  }

  run<T>(task: PolicyTask): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ task, resolve: resolve as (value: unknown) => void, reject })
      this.#pump()
    })
  }

  async close(): Promise<void> {
    const slots = this.#slots.splice(0)
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => !candidate.busy) ?? (this.#slots.length < this.size ? this.#spawn() : undefined)
      if (!slot) return
      const pending = this.#queue.shift()!
      const id = this.#nextId++
      slot.busy = { id, pending }
      if (slot.ready) this.#startBudget(slot)
      slot.worker.ref()
      slot.worker.postMessage({ id, task: pending.task })
    }
  }

  #spawn(): Slot {
    const { url, execArgv } = workerEntry()
    const slot: Slot = { worker: new Worker(url, { execArgv }), ready: false }
    slot.worker.on('message', (reply: PolicyTaskReply | 'ready') => {
      if (reply === 'ready') {
        slot.ready = true
        if (slot.busy) this.#startBudget(slot)
        return
      }
      const busy = slot.busy
      if (!busy || busy.id !== reply.id) return
      this.#finish(slot)
      if (reply.ok) busy.pending.resolve(reply.value)
      else if ('failure' in reply) busy.pending.reject(new AppFailure(reply.failure.code, reply.failure.message, reply.failure.details))
      else busy.pending.reject(new Error(`policy worker: ${reply.bug}`))
    })
    slot.worker.on('error', (error) => this.#crashed(slot, error))
    slot.worker.unref()
    this.#slots.push(slot)
    return slot
  }

  #startBudget(slot: Slot): void {
    if (slot.busy) slot.busy.timer = setTimeout(() => this.#overBudget(slot), this.#budgetOf(slot.busy.pending.task))
  }

  #finish(slot: Slot): void {
    if (slot.busy) clearTimeout(slot.busy.timer)
    slot.busy = undefined
    slot.worker.unref()
    queueMicrotask(() => this.#pump())
  }

  #overBudget(slot: Slot): void {
    const busy = slot.busy
    if (!busy) return
    this.#remove(slot)
    const { task } = busy.pending
    const seconds = this.#budgetOf(task) / 1000
    busy.pending.reject(
      task.kind === 'impact'
        ? new AppFailure('INVALID_INPUT', `The impact preview took over ${seconds} s and was stopped: the change reaches too many principals (${task.input.model.users.size} users on the connection) to preview in time. Preview a smaller change (fewer targets), or ask the Access screen about one principal.`)
        : new AppFailure('INVALID_INPUT', `${describeTask(task)} took over ${seconds} s and was stopped. ${costliestPattern(task)} Shorten the pattern or the values it is matched against.`),
    )
  }

  #crashed(slot: Slot, error: Error): void {
    const busy = slot.busy
    this.#remove(slot)
    busy?.pending.reject(error)
  }

  #remove(slot: Slot): void {
    if (slot.busy) clearTimeout(slot.busy.timer)
    slot.busy = undefined
    this.#slots = this.#slots.filter((candidate) => candidate !== slot)
    void slot.worker.terminate()
    queueMicrotask(() => this.#pump())
  }
}

function describeTask(task: PolicyTask): string {
  return task.kind === 'evaluate' ? 'The evaluation' : task.kind === 'whyNot' ? 'Finding what would allow it' : task.kind === 'runCases' ? 'Running the saved cases' : 'Checking the policy'
}

/** The wildcard pattern most likely to be costly: the longest string with a `*` or `?` in the documents. */
function costliestPattern(task: Exclude<PolicyTask, { kind: 'impact' }>): string {
  const texts = task.kind === 'evaluate' || task.kind === 'whyNot' ? task.input.documents.map((document) => document.text) : [task.input.text]
  let worst = ''
  for (const text of texts) for (const [literal] of text.matchAll(/"(?:[^"\\]|\\.)*[*?](?:[^"\\]|\\.)*"/g)) if (literal.length > worst.length) worst = literal
  if (!worst) return 'No wildcard pattern stands out.'
  const shown = worst.length > 42 ? `${worst.slice(0, 40)}…"` : worst
  return `The costliest pattern is ${shown} (${worst.length - 2} characters).`
}

/** The process's pool (workers are started on first use and never keep the process alive when idle). */
export const policyWorker = new PolicyWorkerPool()
