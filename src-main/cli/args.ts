import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './io.ts'

type Options = NonNullable<ParseArgsConfig['options']>

/** node:util parseArgs with strict checking, turning its errors into UsageError (exit 2). */
export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
