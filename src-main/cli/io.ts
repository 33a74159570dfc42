/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Reads all of standard input (used for secrets and `-` file arguments). */
  readStdin: () => Promise<string>
  isStdinTty: boolean
  env: NodeJS.ProcessEnv
}

/** Exit codes every command keeps stable, so scripts can rely on them. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export class UsageError extends Error {
  override name = 'UsageError'
}

export type CommandGroup = (args: string[], io: CliIo) => Promise<number>

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    isStdinTty: Boolean(process.stdin.isTTY),
    env: process.env,
  }
}
