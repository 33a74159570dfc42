/**
 * Decoding and merging once per distinct policy list. Callers that evaluate many principals
 * sharing policies (who-can over thousands of users, a matrix of thousands of cells) pass one
 * cache to evaluatePrincipal; the decision is the same as without it.
 */
import { compileParsed, type CompiledPolicySet } from './compile.ts'
import type { ParsedPolicy } from './model.ts'
import { decodePolicyText, documentText } from './parse-config.ts'
import type { PolicyDocument } from './types.ts'

/** A decoded, merged list: the parsed policies (for MinIO's "empty session policy" rule) and the set. */
export interface CompiledList {
  policies: readonly ParsedPolicy[]
  set: CompiledPolicySet
}

/** Stored policies are decoded without validation, as the server loads them; a failure is MinIO's message. */
function decodeOne(document: PolicyDocument | string): ParsedPolicy | string {
  const decoded = decodePolicyText(documentText(document))
  return 'failure' in decoded ? decoded.failure.message : decoded.policy
}

/** Compiles a list without caching (what evaluatePrincipal does when no cache is given). */
export function compileList(documents: ReadonlyArray<PolicyDocument | string>): CompiledList | string {
  const policies: ParsedPolicy[] = []
  for (const document of documents) {
    const decoded = decodeOne(document)
    if (typeof decoded === 'string') return decoded
    policies.push(decoded)
  }
  return { policies, set: compileParsed(policies) }
}

/**
 * Remembers decoded documents (by object identity, or by text for strings) and compiled lists (by
 * the ids of their documents, in order). Documents must not be mutated after they are first seen.
 */
export class CompileCache {
  readonly #objectIds = new WeakMap<object, number>()
  readonly #textIds = new Map<string, number>()
  readonly #decoded: Array<ParsedPolicy | string> = []
  readonly #lists = new Map<string, CompiledList | string>()

  #id(document: PolicyDocument | string): number {
    const known = typeof document === 'string' ? this.#textIds.get(document) : this.#objectIds.get(document)
    if (known !== undefined) return known
    const id = this.#decoded.length
    this.#decoded.push(decodeOne(document))
    if (typeof document === 'string') this.#textIds.set(document, id)
    else this.#objectIds.set(document, id)
    return id
  }

  /** The compiled list, or the first document's decode failure. */
  compile(documents: ReadonlyArray<PolicyDocument | string>): CompiledList | string {
    const ids = documents.map((document) => this.#id(document))
    const key = ids.join(',')
    const cached = this.#lists.get(key)
    if (cached !== undefined) return cached
    const policies: ParsedPolicy[] = []
    let result: CompiledList | string | undefined
    for (const id of ids) {
      const decoded = this.#decoded[id] as ParsedPolicy | string
      if (typeof decoded === 'string') {
        result = decoded
        break
      }
      policies.push(decoded)
    }
    result ??= { policies, set: compileParsed(policies) }
    this.#lists.set(key, result)
    return result
  }
}
