import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { builtScripts } from '../testbed/electron/built-app.ts'
import { moduleRequests } from '../testbed/electron/module-requests.ts'

// Electron's sandboxed preload gets a `require` that knows `electron` and a few Node built-ins only
// (docs: "Process Sandboxing"); anything else (zod, a shared chunk) throws and kills the bridge.
// The sandbox-loader test (preload-sandbox.test.ts) runs the file; this one reads every file under
// out/preload, including code paths that only run later.
describe('built preload (out/preload)', () => {
  it.each(builtScripts('preload'))('%s requires only electron', (file) => {
    expect(moduleRequests(readFileSync(file, 'utf8'))).toEqual({ specifiers: ['electron'], dynamic: 0 })
  })
})
