import { describe, expect, it } from 'vitest'
import { moduleRequests } from './module-requests.ts'

describe('moduleRequests', () => {
  it('finds literal requires, static and dynamic imports, re-exports', () => {
    const source = [
      'let electron = require("electron");',
      "const z = require( 'zod' )",
      'import { a } from "node:path"',
      "import 'side-effect'",
      "export { b } from './b.js'",
      'await import(`keytar`)',
    ].join('\n')
    expect(moduleRequests(source)).toEqual({
      specifiers: ['./b.js', 'electron', 'keytar', 'node:path', 'side-effect', 'zod'],
      dynamic: 0,
    })
  })

  it('counts a require or import() of a computed name as dynamic', () => {
    expect(moduleRequests('const m = require(name); import(prefix + "x")')).toEqual({
      specifiers: [],
      dynamic: 2,
    })
  })
})
