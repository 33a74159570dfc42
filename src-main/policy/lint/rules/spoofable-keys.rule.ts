import { finding } from '../helpers.ts'
import type { LintRule } from '../types.ts'

// The client controls these values (headers, or X-Forwarded-For when MinIO trusts it), so they can
// only ever narrow what a request may do; MinIO's and AWS's docs say to use them to deny.
const SPOOFABLE = new Map([
  ['aws:Referer', 'the Referer header'],
  ['aws:UserAgent', 'the User-Agent header'],
  ['aws:SourceIp', 'the client address, which X-Forwarded-For / X-Real-IP can set when MinIO trusts proxy headers'],
])

/**
 * `spoofable-key-in-allow`: an Allow statement conditioned on a key the client can forge grants
 * access to anyone who sends the expected value. Use the key in a Deny instead.
 */
export const spoofableKeyRule: LintRule = {
  id: 'spoofable-key-in-allow',
  check: ({ statements }) =>
    statements.flatMap((statement) => {
      if (statement.effect !== 'Allow') return []
      return statement.conditions.flatMap((condition) => {
        const name = condition.key.split('/')[0] ?? ''
        const source = SPOOFABLE.get(name)
        if (!source) return []
        return [finding('spoofable-key-in-allow', 'warning', condition,
          `${name} comes from ${source} and can be forged by the client; granting access on it lets anyone in who sends the expected value. ` +
            `Use ${name} only in a Deny statement (for example Deny unless it matches).`)]
      })
    }),
}
