/** A contract call's answer as it arrives at the renderer (api/result.ts's Result, as plain data). */
export type ContractResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

/**
 * One way the renderer reaches the contract: Electron IPC (the built preload and main process,
 * ipc-transport.ts) or browser mode's HTTP (the real entry, http-transport.ts). A contract test
 * runs the same cases over each and compares what comes back.
 */
export interface ContractTransport {
  /** What app.info reports as `transport`. */
  readonly name: 'electron' | 'browser'
  readonly dataDir: string
  /** A call as our own page makes it. */
  invoke: (channel: string, input: unknown) => Promise<ContractResult>
  /** The same call from a sender the transport must refuse: another page (IPC), a wrong token (HTTP). */
  invokeAsStranger: (channel: string, input: unknown) => Promise<ContractResult>
  /** Everything the app printed so far (stdout and stderr), e.g. to check no secret is logged. */
  output: () => string
  stop: () => Promise<void>
}
