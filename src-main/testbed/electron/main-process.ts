import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { Command } from './stand-in/control.ts'
import { OUT_DIR, builtScripts } from './built-app.ts'

const REGISTER = join(import.meta.dirname, 'stand-in', 'register.ts')

interface Message {
  type: string
  id?: number
  reply?: unknown
  error?: string
  [key: string]: unknown
}

export interface MainProcess {
  /** Sends one command to the stand-in (see stand-in/control.ts) and waits for its answer. */
  send: <T = unknown>(command: Command) => Promise<T>
  /** Resolves with the first message of this type the stand-in reports ('loaded', 'exit'). */
  next: (type: string) => Promise<Message>
  /** Everything the app printed on stdout and stderr so far. */
  output: () => string
  /** Resolves once the app has printed `text` (its stderr can trail the IPC answer). */
  printed: (text: string) => Promise<void>
  stop: () => Promise<void>
}

/**
 * Runs the built main process (out/main/index.js) under this Node with the Electron stand-in in
 * place of `electron`, in a child process of its own. `env` is added to this process's environment
 * (the keyring session's D-Bus address comes along).
 */
export function startMainProcess(env: Record<string, string>): MainProcess {
  builtScripts('main')
  const major = Number(process.versions.node.split('.')[0])
  if (major < 24)
    throw new Error(
      `the main-process test needs Node 24 (Electron 45's), not ${process.version}: run it through npm/npx`,
    )
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', REGISTER, join(OUT_DIR, 'main', 'index.js')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    },
  )
  let printed = ''
  const readers = new Set<() => void>()
  const read = (chunk: Buffer) => {
    printed += chunk.toString('utf8')
    for (const reader of readers) reader()
  }
  child.stdout?.on('data', read)
  child.stderr?.on('data', read)
  const seen: Message[] = []
  const waiting: Array<{ match: (message: Message) => boolean; resolve: (message: Message) => void }> = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.on('message', (message: Message) => {
    const index = waiting.findIndex((wait) => wait.match(message))
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(message)
    else seen.push(message)
  })
  const next = (match: (message: Message) => boolean, what: string) => {
    const earlier = seen.findIndex(match)
    if (earlier >= 0) return Promise.resolve(seen.splice(earlier, 1)[0] as Message)
    return new Promise<Message>((resolve, reject) => {
      waiting.push({ match, resolve })
      void exited.then(() =>
        reject(new Error(`main process exited while waiting for ${what}; it printed:\n${printed}`)),
      )
    })
  }
  let lastId = 0
  return {
    send: async <T>(command: Command) => {
      const id = ++lastId
      child.send({ id, ...command })
      const message = await next(
        (candidate) => candidate.type === 'reply' && candidate.id === id,
        command.command,
      )
      if (message.error) throw new Error(message.error)
      return message.reply as T
    },
    next: (type) => next((candidate) => candidate.type === type, type),
    output: () => printed,
    printed: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!printed.includes(text)) return
          readers.delete(check)
          resolve()
        }
        readers.add(check)
        check()
        void exited.then(() =>
          reject(
            new Error(`main process exited before printing ${JSON.stringify(text)}; it printed:\n${printed}`),
          ),
        )
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
