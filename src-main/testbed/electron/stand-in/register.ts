import { registerHooks } from 'node:module'

// Loaded with `node --import` into the one child process that runs out/main/index.js: `electron`
// resolves to the stand-in; modules named in GATEHOUSE_STANDIN_HIDE (e.g. keytar, an optional
// dependency) fail to resolve as if not installed. Node's synchronous module customization hooks.
const standIn = new URL('./electron.ts', import.meta.url).href
const hidden = new Set((process.env.GATEHOUSE_STANDIN_HIDE ?? '').split(',').filter(Boolean))

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, format: 'module-typescript', shortCircuit: true }
    if (hidden.has(specifier)) {
      throw Object.assign(new Error(`Cannot find package '${specifier}' (hidden by the Electron stand-in)`), {
        code: 'ERR_MODULE_NOT_FOUND',
      })
    }
    return nextResolve(specifier, context)
  },
})
