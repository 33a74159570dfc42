import { parentPort } from 'node:worker_threads'
import { AppFailure } from '../api/result.ts'
import { impactPreviewOf } from './impact-preview.ts'
import { runPolicyCases } from './policy-cases-run.ts'
import { checkPolicyText } from './policy-check.ts'
import { evaluateWorkspace } from './tester.service.ts'
import { whyNotWorkspace } from './tester-why-not.service.ts'
import type { PolicyTask, PolicyTaskReply } from './policy-worker.ts'

// The policy engine's worker thread: the pure tester and policy functions, one task at a time.
const run = (task: PolicyTask): unknown => {
  switch (task.kind) {
    case 'evaluate':
      return evaluateWorkspace(task.input)
    case 'whyNot':
      return whyNotWorkspace(task.input)
    case 'checkPolicy':
      return checkPolicyText(task.input.text, task.input.kind, task.input.name)
    case 'runCases':
      return runPolicyCases(task.input.text, task.input.cases)
    case 'impact':
      return impactPreviewOf(task.input.model, task.input.change, task.input.now)
  }
}

parentPort?.on('message', ({ id, task }: { id: number; task: PolicyTask }) => {
  let reply: PolicyTaskReply
  try {
    reply = { id, ok: true, value: run(task) }
  } catch (error) {
    reply = error instanceof AppFailure
      ? { id, ok: false, failure: error.toError() }
      : { id, ok: false, bug: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  parentPort?.postMessage(reply)
})
parentPort?.postMessage('ready')
