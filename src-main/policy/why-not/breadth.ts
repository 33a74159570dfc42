/**
 * How broad a change is, measured rather than guessed: the evaluator answers a fixed set of probe
 * requests (other actions on the same and nearby resources) before and after the change, and the
 * probes newly allowed are the change's breadth. The question itself is not a probe.
 */
import { CompileCache } from '../compile-cache.ts'
import type { PolicyRequest } from '../types.ts'
import { evaluateState, type QuestionState } from './question.ts'
import type { Breadth } from './types.ts'

const PROBE_ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:ListAllMyBuckets',
  's3:GetObjectTagging', 's3:PutObjectTagging', 's3:DeleteBucket', 's3:PutBucketPolicy', 's3:CreateBucket',
  'admin:CreateUser', 'admin:ServerInfo', 'admin:CreatePolicy', 'admin:AttachUserOrGroupPolicy', 'kms:CreateKey',
]

type Probe = Pick<PolicyRequest, 'action' | 'bucket' | 'object'>

/** Resources near the request's: its own, a sibling, another prefix, the bucket, another bucket. */
function probeResources(request: PolicyRequest): Array<{ bucket: string; object: string }> {
  const bucket = request.bucket ?? ''
  const object = request.object ?? ''
  const folder = object.includes('/') ? object.slice(0, object.lastIndexOf('/') + 1) : ''
  const other = bucket === 'gatehouse-probe' ? 'gatehouse-probe-2' : 'gatehouse-probe'
  const list = [
    { bucket, object }, { bucket, object: `${folder}gatehouse-sibling` }, { bucket, object: 'gatehouse-elsewhere/x' },
    { bucket, object: '' }, { bucket: other, object: 'x' }, { bucket: other, object: '' },
  ]
  return list.filter((item, index) => list.findIndex((entry) => entry.bucket === item.bucket && entry.object === item.object) === index)
}

function probesFor(request: PolicyRequest): Probe[] {
  const actions = [...new Set([request.action, ...PROBE_ACTIONS])]
  const probes = actions.flatMap((action) => probeResources(request).map((resource) => ({ action, ...resource })))
  return probes.filter((probe) => !(probe.action === request.action && probe.bucket === (request.bucket ?? '') && probe.object === (request.object ?? '')))
}

const describe = (probe: Probe) => `${probe.action} on ${probe.bucket ?? ''}${probe.object ? `/${probe.object}` : ''}`

/** The probe answers of a state (one compile per distinct document list). */
export function probeAnswers(state: QuestionState): boolean[] {
  const cache = new CompileCache()
  return probesFor(state.request).map((probe) => evaluateState(state, probe, { explain: false, cache }).allowed)
}

/** The breadth of `after` compared with the probe answers of the question before any change. */
export function breadthOf(before: readonly boolean[], after: QuestionState, isPolicyChange: boolean): Breadth {
  const probes = probesFor(after.request)
  if (!isPolicyChange) return { level: 'narrowest', newlyAllowed: 0, probes: probes.length, examples: [], summary: 'Changes no policy: only this request, sent differently, is allowed.' }
  const answers = probeAnswers(after)
  const newly = probes.filter((_, index) => answers[index] === true && before[index] !== true)
  const level = newly.length === 0 ? 'narrowest' : newly.length <= 4 ? 'narrow' : 'broad'
  const examples = newly.slice(0, 3).map(describe)
  const summary = newly.length === 0
    ? `Allows nothing else among ${probes.length} nearby requests probed.`
    : `Also allows ${newly.length} of ${probes.length} nearby requests probed, e.g. ${examples.join('; ')}.`
  return { level, newlyAllowed: newly.length, probes: probes.length, examples, summary }
}
