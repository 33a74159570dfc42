import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { contract } from './contract.ts'

/**
 * Every object a channel's input holds refuses unknown keys: a caller (a compromised renderer, a
 * browser-mode client) gets INVALID_INPUT naming the key instead of having it silently dropped.
 * Walks the zod definitions (zod 4's `_zod.def`) and names each object that would strip.
 */
function strippingObjects(schema: z.ZodType, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  const inner = (child: unknown, at = path) => strippingObjects(child as z.ZodType, at, seen)
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as { _zod: { def: { type: string } } } | undefined
      const own = catchall?._zod.def.type === 'never' ? [] : [path || '(input)']
      const shape = def.shape as Record<string, unknown>
      return [...own, ...Object.entries(shape).flatMap(([key, child]) => inner(child, `${path}.${key}`))]
    }
    case 'array': return inner(def.element, `${path}[]`)
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch': case 'success':
      return inner(def.innerType)
    case 'union': return (def.options as unknown[]).flatMap((option) => inner(option))
    case 'intersection': return [...inner(def.left), ...inner(def.right)]
    case 'pipe': return inner(def.in)
    case 'record': return inner(def.valueType, `${path}{}`)
    case 'tuple': return (def.items as unknown[]).flatMap((item, index) => inner(item, `${path}[${index}]`))
    case 'lazy': return inner((def.getter as () => unknown)())
    default: return []
  }
}

describe('channel inputs', () => {
  it('refuse unknown keys at every level', () => {
    const stripping = Object.entries(contract).flatMap(([channel, { input }]) => strippingObjects(input as z.ZodType, '').map((at) => `${channel} ${at}`))
    expect(stripping).toEqual([])
  })
})
