import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const here = import.meta.dirname

// electron-vite looks for src/main, src/preload and src/renderer by default; our folders differ,
// so every entry is named. The preload is CommonJS because sandboxed preloads cannot be ESM.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // keytar is an optionalDependency: kept external so its absence is a failed import at run
      // time (the safeStorage fallback), and its .node stays in node_modules (unpacked from asar).
      externalizeDeps: { include: ['keytar'] },
      // The policy worker is its own entry: policy-worker.ts starts it from beside index.js.
      rolldownOptions: { input: { index: resolve(here, 'src-main/index.ts'), 'policy-worker': resolve(here, 'src-main/services/policy-worker.thread.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Everything inlined: a sandboxed preload can require only `electron` and a few built-ins.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(here, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'src-renderer'),
    build: {
      outDir: resolve(here, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(here, 'src-renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve(here, 'svelte.config.js') })],
  },
})
