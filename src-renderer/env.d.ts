/// <reference types="svelte" />

interface Window {
  /** Present only inside the Electron window (exposed by the sandboxed preload). */
  gatehouse?: { invoke: (channel: string, input: unknown) => Promise<unknown> }
}

declare module '*.css'
