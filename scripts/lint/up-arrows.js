#!/usr/bin/env node
// Counts the import arrows that run back up the house (docs/style.md, "The house in one picture"):
// an import whose target sits in a layer above its importer. Product code only (tests, bench,
// e2e and the test bed may reach anywhere). Usage: node scripts/lint/up-arrows.js [root] [--list]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

const root = resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? '.')
const isListing = process.argv.includes('--list')

const BELOW = ['minio', 'vault', 'audit', 'bulk', 'snapshot', 'access', 'checklist', 'storage', 'shared', 'policy']
const CONTRACT = /^src-main\/api\/([^/]+\.contract|channels|contract|fields|result)\.ts$/

/** Layer of a repo-relative path, top (0) to bottom (4); undefined for files outside the house. */
export function layerOf(path) {
  if (path.startsWith('src-renderer/')) return 0
  if (/^src-main\/(app|browser|cli)\//.test(path) || /^src-main\/(index|preload)\.ts$/.test(path)) return 1
  if (CONTRACT.test(path)) return 2
  if (path.startsWith('src-main/api/')) return 2.5
  if (path.startsWith('src-main/services/') || /^src-main\/[^/]+\/[^/]+\.service\.ts$/.test(path)) return 3
  const folder = path.split('/')[1]
  if (path.startsWith('src-main/') && BELOW.includes(folder)) return 4
  return undefined
}

function isProduct(path) {
  return !/\.test\.(svelte\.)?ts$/.test(path) && !path.startsWith('src-main/testbed/') && !path.endsWith('-test-world.ts')
}

function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(ts|svelte)$/.test(name)) yield path
  }
}

const IMPORT = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
const arrows = []
for (const top of ['src-main', 'src-renderer']) {
  for (const file of files(join(root, top))) {
    const importer = relative(root, file).split(sep).join('/')
    const from = layerOf(importer)
    if (from === undefined || !isProduct(importer)) continue
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]
      if (!specifier.startsWith('.')) continue
      const target = relative(root, resolve(dirname(file), specifier)).split(sep).join('/')
      const to = layerOf(target)
      // The contract's leaf sits beside the handlers: a handler importing it is not an arrow up.
      const isSameFolder = dirname(target) === dirname(importer)
      if (to !== undefined && to < from && !isSameFolder && !(from === 2.5 && to === 2)) arrows.push({ importer, target })
    }
  }
}
const toResult = arrows.filter((arrow) => arrow.target === 'src-main/api/result.ts').length
console.log(`up-arrows: ${arrows.length} (into api/result.ts, the sanctioned one: ${toResult}; others: ${arrows.length - toResult})`)
if (isListing) for (const arrow of arrows) console.log(`  ${arrow.importer} -> ${arrow.target}`)
