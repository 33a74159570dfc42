import { z } from 'zod'

// tester.whyNot's answer on the wire: verified suggestions for a denied question, each with the
// changed documents (pretty JSON before/after and a unified diff) and how broad it is.

const change = z.object({
  documentId: z.string(),
  documentName: z.string(),
  before: z.string(),
  after: z.string(),
  /** A document the suggestion adds (attached to the user). */
  isNew: z.boolean(),
  patch: z.string(),
})

const suggestion = z.object({
  kinds: z.array(z.enum(['addAction', 'addResource', 'widenResource', 'conditionValue', 'removeCondition', 'requestValue', 'narrowDeny', 'removeDeny', 'newStatement', 'detachPolicy'])),
  title: z.string(),
  changes: z.array(change),
  /** The request value it needs instead (full key name), when it changes the request rather than a policy. */
  requestChange: z.object({ key: z.string(), values: z.array(z.string()) }).optional(),
  /** Policies to detach from the user or a group (`from`: "the user" or "group <name>"). */
  detach: z.array(z.object({ documentId: z.string(), documentName: z.string(), from: z.string() })).optional(),
  /** Measured with the evaluator: how many nearby probe requests the change newly allows. */
  breadth: z.object({ level: z.enum(['narrowest', 'narrow', 'broad']), newlyAllowed: z.number(), probes: z.number(), examples: z.array(z.string()), summary: z.string() }),
})

export const whyNotAnswer = z.object({
  allowed: z.boolean(),
  check: z.object({ action: z.string(), bucket: z.string(), object: z.string() }).optional(),
  note: z.string().optional(),
  suggestions: z.array(suggestion),
})

export type TesterWhyNot = z.output<typeof whyNotAnswer>
export type TesterWhyNotSuggestion = z.output<typeof suggestion>
