import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete'
import type { PolicyCatalogueView } from '../../../../src-main/api/policies.contract.ts'
import { policyCompletions } from './policy-completions.ts'

const WHILE_TYPING = /^[\w:*${}/.-]*$/

/**
 * CodeMirror's completion source for policy documents, from policyCompletions (position-aware).
 * Outside a string it offers only once a word is started (or on Ctrl-Space), and writes the quotes.
 */
export function policyCompletionSource(aids: () => { catalogue: PolicyCatalogueView | null; buckets: readonly string[] }): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const { catalogue, buckets } = aids()
    if (!catalogue) return null
    const found = policyCompletions(context.state.doc.toString(), context.pos, catalogue, buckets)
    if (!found || found.options.length === 0) return null
    if (found.quote && found.from === context.pos && !context.explicit) return null
    return {
      from: found.from,
      validFor: WHILE_TYPING,
      options: found.options.map((option) => ({
        label: option.label,
        type: option.type,
        ...(option.detail ? { detail: option.detail } : {}),
        ...(found.quote ? { apply: JSON.stringify(option.label) } : {}),
      })),
    }
  }
}
