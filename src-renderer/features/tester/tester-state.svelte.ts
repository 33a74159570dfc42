import { getContext, setContext } from 'svelte'
import type { ChannelInput, ChannelOutput } from '../../../src-main/api/contract.ts'
import type { TesterAnswer, TesterIamState, TesterIssue, TesterLintFinding } from '../../../src-main/api/tester.contract.ts'
import type { AppError } from '../../../src-main/shared/result.ts'
import { invoke } from '../../lib/transport.ts'

/** Where a workspace document is attached: `user`, `group:<name>` or `session` (the access key's policy). */
export type Attachment = 'user' | 'session' | `group:${string}`

export interface WorkspaceDocument {
  id: string
  name: string
  text: string
  attachedTo: Attachment[]
}

export interface ConditionRow {
  id: number
  key: string
  value: string
}

export type Catalogue = ChannelOutput<'tester.catalogue'>

const TEMPLATE = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": ["arn:aws:s3:::bucket/*"]
    }
  ]
}
`

/**
 * The policy tester's workspace: documents (text kept exactly as typed, even when invalid), the
 * principal they are attached to, the request, and the engine's last answer. Offline: only the
 * engine in main is called, except for loading a principal from a connection.
 */
export class TesterState {
  documents = $state<WorkspaceDocument[]>([])
  selectedId = $state<string | null>(null)
  validation = $state<Record<string, { issues: TesterIssue[]; lint: TesterLintFinding[] }>>({})
  userName = $state('')
  groups = $state<Array<{ name: string; enabled: boolean }>>([])
  hasAccessKey = $state(false)
  isRoot = $state(false)
  isOwner = $state(false)
  action = $state('s3:GetObject')
  bucket = $state('')
  object = $state('')
  conditions = $state<ConditionRow[]>([])
  catalogue = $state<Catalogue | null>(null)
  answer = $state<TesterAnswer | null>(null)
  evaluating = $state(false)
  error = $state<{ title: string; error: AppError } | null>(null)
  source = $state<string | null>(null)
  selected = $derived(this.documents.find((document) => document.id === this.selectedId) ?? null)
  #nextId = 1
  #timers: Record<string, ReturnType<typeof setTimeout>> = {}

  async loadCatalogue(): Promise<void> {
    const result = await invoke('tester.catalogue', {})
    if (result.ok) this.catalogue = result.value
    else this.error = { title: 'Could not load the action catalogue', error: result.error }
  }

  /** Adds a document (a template by default) attached to the user, and selects it. */
  addDocument(name = `policy-${this.#nextId}`, text = TEMPLATE, attachedTo: Attachment[] = ['user']): WorkspaceDocument {
    const document = { id: `doc-${this.#nextId++}`, name, text, attachedTo }
    this.documents.push(document)
    this.selectedId = document.id
    this.#scheduleValidation(document.id, 0)
    return document
  }

  removeDocument(id: string): void {
    this.documents = this.documents.filter((document) => document.id !== id)
    delete this.validation[id]
    if (this.selectedId === id) this.selectedId = this.documents[0]?.id ?? null
  }

  /** Keeps the text exactly as typed and re-validates shortly after typing stops. */
  setText(id: string, text: string): void {
    const document = this.documents.find((item) => item.id === id)
    if (!document) return
    document.text = text
    this.#scheduleValidation(id, 250)
  }

  toggleAttachment(id: string, attachment: Attachment, on: boolean): void {
    const document = this.documents.find((item) => item.id === id)
    if (!document) return
    const rest = document.attachedTo.filter((item) => item !== attachment)
    document.attachedTo = on ? [...rest, attachment] : rest
  }

  addGroup(name: string): void {
    const trimmed = name.trim()
    if (trimmed && !this.groups.some((group) => group.name === trimmed)) this.groups.push({ name: trimmed, enabled: true })
  }

  removeGroup(name: string): void {
    this.groups = this.groups.filter((group) => group.name !== name)
    for (const document of this.documents) document.attachedTo = document.attachedTo.filter((item) => item !== `group:${name}`)
  }

  addCondition(key = '', value = ''): void {
    this.conditions.push({ id: this.#nextId++, key, value })
  }

  removeCondition(id: number): void {
    this.conditions = this.conditions.filter((row) => row.id !== id)
  }

  /** The evaluate request from the workspace: rows with the same key become one multi-valued key. */
  evaluateInput(): ChannelInput<'tester.evaluate'> {
    const attached = (attachment: Attachment) => this.documents.filter((document) => document.attachedTo.includes(attachment)).map((document) => document.id)
    const conditions: Record<string, string[]> = {}
    for (const row of this.conditions) {
      const key = row.key.trim()
      if (key) conditions[key] = [...(conditions[key] ?? []), row.value]
    }
    return {
      documents: this.documents.map(({ id, name, text }) => ({ id, name, text })),
      principal: {
        userName: this.userName.trim(),
        userPolicies: attached('user'),
        groups: this.groups.map((group) => ({ ...group, policies: attached(`group:${group.name}`) })),
        ...(this.hasAccessKey ? { accessKey: { sessionPolicy: attached('session')[0] ?? null } } : {}),
        isRoot: this.isRoot,
        isOwner: this.isOwner,
      },
      request: { action: this.action.trim(), bucket: this.bucket.trim(), object: this.object, conditions },
    }
  }

  async evaluate(): Promise<void> {
    this.evaluating = true
    const result = await invoke('tester.evaluate', this.evaluateInput())
    this.evaluating = false
    if (result.ok) {
      this.answer = result.value
      this.error = null
    } else this.error = { title: 'Could not evaluate the request', error: result.error }
  }

  /**
   * Replaces the workspace with one principal of a loaded IAM state: a user (`user:<name>`) or one
   * of its access keys (`key:<accessKey>`): the user's policies, its groups and theirs, and the key's
   * session policy when it has one.
   */
  applyPrincipal(state: TesterIamState, principal: string): void {
    const key = principal.startsWith('key:') ? state.accessKeys.find((item) => item.accessKey === principal.slice(4)) : undefined
    const userName = key ? key.parentUser : principal.replace(/^user:/, '')
    const user = state.users.find((item) => item.name === userName)
    if (!user) return
    const groups = user.groups.map((name) => state.groups.find((group) => group.name === name) ?? { name, enabled: true, policies: [] })
    const attachments: Array<[string, Attachment[]]> = []
    const attach = (policy: string, to: Attachment) => {
      const entry = attachments.find(([name]) => name === policy)
      if (entry) entry[1].push(to)
      else attachments.push([policy, [to]])
    }
    for (const policy of user.policies) attach(policy, 'user')
    for (const group of groups) for (const policy of group.policies) attach(policy, `group:${group.name}`)
    this.documents = []
    this.validation = {}
    for (const [name, attachedTo] of attachments) {
      this.addDocument(name, state.policies.find((policy) => policy.name === name)?.text ?? '', attachedTo)
    }
    if (key?.sessionPolicy) this.addDocument(`session policy of ${key.accessKey}`, key.sessionPolicy, ['session'])
    this.selectedId = this.documents[0]?.id ?? null
    this.userName = user.name
    this.groups = groups.map(({ name, enabled }) => ({ name, enabled }))
    this.hasAccessKey = key !== undefined
    this.isRoot = false
    this.source = `${state.source}: ${key ? `access key ${key.accessKey} of ${user.name}` : `user ${user.name}`}`
    this.answer = null
  }

  #scheduleValidation(id: string, delayMs: number): void {
    clearTimeout(this.#timers[id])
    this.#timers[id] = setTimeout(() => void this.#validate(id), delayMs)
  }

  async #validate(id: string): Promise<void> {
    const document = this.documents.find((item) => item.id === id)
    if (!document) return
    const kind = document.attachedTo.includes('session') ? 'session' : 'canned'
    const result = await invoke('tester.validate', { text: document.text, kind })
    if (result.ok && this.documents.some((item) => item.id === id && item.text === document.text)) this.validation[id] = result.value
  }
}

const KEY = Symbol('tester')

export function setTester(state: TesterState): TesterState {
  return setContext(KEY, state)
}

export function useTester(): TesterState {
  return getContext<TesterState>(KEY)
}
