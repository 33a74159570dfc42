import { getContext, setContext } from 'svelte'
import type { ChannelOutput } from '../../../src-main/api/contract.ts'
import type { PolicyIssue } from '../../../src-main/api/policies.contract.ts'
import type { TesterAnswer, TesterIamState, TesterWhyNot } from '../../../src-main/api/tester.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { invoke } from '../../lib/transport.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { evaluateInput, principalWorkspace, type Attachment, type ConditionRow, type OperationFields, type TransportFields, type WorkspaceDocument } from './tester-workspace.ts'

export type { Attachment, ConditionRow, WorkspaceDocument } from './tester-workspace.ts'

const EMPTY_FIELDS: OperationFields = { versionId: '', tags: '', storedTags: '', sourceBucket: '', sourceKey: '', prefix: '', delimiter: '', maxKeys: '', buckets: '', sendPrefix: true, sendDelimiter: true }

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
  validation = $state<Record<string, { issues: PolicyIssue[]; lint: PolicyIssue[] }>>({})
  userName = $state('')
  groups = $state<Array<{ name: string; enabled: boolean }>>([])
  hasAccessKey = $state(false)
  isRoot = $state(false)
  isOwner = $state(false)
  action = $state('s3:GetObject')
  bucket = $state('')
  object = $state('')
  conditions = $state<ConditionRow[]>([])
  operation = $state('')
  fields = $state<OperationFields>({ ...EMPTY_FIELDS })
  /** Offline: https by default; a live principal takes the connection's scheme. */
  /** Offline pick of the semantics line ('' = the last community release); a live principal brings its server's version. */
  semantics = $state<{ id: string; serverVersion: string | null }>({ id: '', serverVersion: null })
  transport = $state<TransportFields>({ secureTransport: true, sourceIp: '127.0.0.1', authType: 'signed-v4', userAgent: '', referer: '' })
  catalogue = $state<Catalogue | null>(null)
  answer = $state<TesterAnswer | null>(null)
  /** For a denied answer: the verified changes that would allow it (tester.whyNot), once found. */
  whyNot = $state<TesterWhyNot | null>(null)
  whyNotError = $state<AppError | null>(null)
  readonly #whyNots = new LatestCall()
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

  async evaluate(): Promise<void> {
    this.evaluating = true
    const input = evaluateInput(this)
    const isLatest = this.#whyNots.begin()
    this.whyNot = null
    this.whyNotError = null
    const result = await invoke('tester.evaluate', input)
    this.evaluating = false
    if (result.ok) {
      this.answer = result.value
      this.error = null
    } else this.error = { title: 'Could not evaluate the request', error: result.error }
    if (!result.ok || result.value.allowed) return
    // The same question again, for what would allow it: only the newest question's answer is shown.
    const found = await invoke('tester.whyNot', input)
    if (!isLatest()) return
    if (found.ok) this.whyNot = found.value
    else this.whyNotError = found.error
  }

  /** Puts a suggested request value into the request's condition rows (replacing that key's rows). */
  useRequestValue(key: string, values: string[]): void {
    this.conditions = this.conditions.filter((row) => row.key.trim() !== key)
    for (const value of values) this.addCondition(key, value)
  }

  /**
   * Replaces the workspace with one principal of a loaded IAM state: a user (`user:<name>`) or one
   * of its access keys (`key:<accessKey>`): the user's policies, its groups and theirs, and the key's
   * session policy when it has one.
   */
  applyPrincipal(state: TesterIamState, principal: string): void {
    const loaded = principalWorkspace(state, principal)
    if (!loaded) return
    this.documents = []
    this.validation = {}
    for (const document of loaded.documents) this.addDocument(document.name, document.text, document.attachedTo)
    this.selectedId = this.documents[0]?.id ?? null
    this.userName = loaded.userName
    this.groups = loaded.groups
    this.hasAccessKey = loaded.hasAccessKey
    this.isRoot = false
    this.source = loaded.source
    if (state.secureTransport !== undefined) this.transport.secureTransport = state.secureTransport
    this.semantics.serverVersion = state.serverVersion ?? null
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
    const result = await invoke('policies.validate', { text: document.text, kind })
    if (!result.ok || !this.documents.some((item) => item.id === id && item.text === document.text)) return
    const { issues } = result.value
    this.validation[id] = { issues: issues.filter((issue) => issue.source === 'validation'), lint: issues.filter((issue) => issue.source === 'lint') }
  }
}

const KEY = Symbol('tester')

export function setTester(state: TesterState): TesterState {
  return setContext(KEY, state)
}

export function useTester(): TesterState {
  return getContext<TesterState>(KEY)
}
