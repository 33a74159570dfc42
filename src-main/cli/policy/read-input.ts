import { readFile } from 'node:fs/promises'
import { UsageError, type CliIo } from '../io.ts'

/**
 * Reads a file named on the command line, or standard input for `-`. A missing or unreadable file
 * is a usage error (exit 2) whose message names the file.
 */
export async function readInput(file: string, io: CliIo): Promise<string> {
  if (file === '-') return io.readStdin()
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}`)
  }
}

/** `file:line:column: ` when a position is known, else `file: `. */
export function locationPrefix(file: string, line?: number, column?: number): string {
  return line === undefined ? `${file}: ` : `${file}:${line}:${column ?? 1}: `
}
