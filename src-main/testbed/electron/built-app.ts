import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The electron-vite output the desktop app runs: out/main, out/preload, out/renderer. */
export const OUT_DIR = resolve(import.meta.dirname, '../../../out')

/** The scripts (.js, .cjs, .mjs) of one built folder; a clear error when `npm run build` has not run. */
export function builtScripts(part: 'main' | 'preload' | 'renderer'): string[] {
  const dir = join(OUT_DIR, part)
  if (!existsSync(dir))
    throw new Error(
      `${dir} is missing: run \`npm run build\` first (scripts/test.sh builds before the tests).`,
    )
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    /\.[cm]?js$/.test(name),
  )
  if (files.length === 0) throw new Error(`no script in ${dir}: run \`npm run build\` first.`)
  return files.map((name) => join(dir, name))
}
