/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Reads all of standard input (used for secrets and `-` file arguments). */
  readStdin: () => Promise<string>
  isStdinTty: boolean
  /** Asks on the terminal without echoing what is typed (for secrets). */
  promptHidden?: (question: string) => Promise<string>
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
    promptHidden,
    env: process.env,
  }
}

/** Reads one line from the TTY in raw mode, echoing nothing, so a secret never shows on screen. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(question)
    let answer = ''
    const finish = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(answer)
    }
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish()
        if (char === '\u0003') return finish(new UsageError('cancelled'))
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1)
        else answer += char
      }
    }
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

/**
 * The command of a group to run: its entry in `commands` with the remaining args, or an exit code
 * when only help was asked (printed). An unknown command is a UsageError.
 */
export function pickCommand<T>(args: string[], commands: Record<string, T>, help: string, io: CliIo): { run: T; command: string; rest: string[] } | number {
  const [command, ...rest] = args
  if (!command || command === '--help' || command === '-h') {
    io.stdout(help)
    return command ? EXIT.ok : EXIT.usage
  }
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined
  if (!run) throw new UsageError(`unknown command '${command}'.\n\n${help}`)
  return { run, command, rest }
}
