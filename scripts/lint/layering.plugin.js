import { isBuiltin } from 'node:module'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The house's import boundaries as ESLint rules, one rule per boundary so a report names the
 * boundary it breaks and a temporary exception can switch off one boundary for one file.
 *
 * A local rule rather than a plugin from the registry: every import here is a relative path with
 * its extension or a bare package name, so resolving is one `path.resolve`; no resolver, no
 * native binary, and `import type` is told apart from a value import (the renderer may only do
 * the former), which `no-restricted-paths` does not do.
 *
 * @typedef {object} Boundary
 * @property {string} name         the rule's name, `layering/<name>`
 * @property {string[]} files      the importing files it governs (flat-config globs)
 * @property {string[]} [ignores]  files among those it leaves alone (tests, test bed)
 * @property {string[]} forbid     what they must not import: repo-relative globs for files,
 *                                 package names (`zod`, `electron`) or `node:*` for Node's modules
 * @property {string[]} [except]   imports allowed although `forbid` matches them
 * @property {string[]} [typesFrom] imports allowed when type-only (`import type`, `export type`)
 * @property {string} message      what the boundary is, shown with every report
 */

/**
 * Turns a glob into a RegExp: `**` any run of path segments, `*` and `?` within a segment,
 * `{a,b}` alternatives (not nested). Globs match whole targets.
 */
export function globToRegExp(glob) {
  let pattern = ''
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/'
      pattern += slash ? '(?:.*/)?' : '.*'
      index += slash ? 2 : 1
    } else if (char === '*') pattern += '[^/]*'
    else if (char === '?') pattern += '[^/]'
    else if (char === '{') pattern += '(?:'
    else if (char === '}') pattern += ')'
    else if (char === ',') pattern += '|'
    else pattern += char.replace(/[.+^$()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${pattern}$`)
}

function matcher(globs = []) {
  const patterns = globs.map(globToRegExp)
  return (target) => patterns.some((pattern) => pattern.test(target))
}

/**
 * What an import names, in the terms boundaries use: a repo-relative path for a relative import,
 * `node:<name>` for Node's own modules, otherwise the package specifier as written.
 */
export function importTarget(specifier, importer, root) {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    return relative(root, resolve(dirname(importer), specifier)).split(sep).join('/')
  }
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return `node:${specifier.replace(/^node:/, '')}`
  return specifier
}

function isTypeOnly(node) {
  if (node.type === 'TSImportType') return true
  return node.importKind === 'type' || node.exportKind === 'type'
}

function boundaryRule(boundary, root) {
  const forbidden = matcher(boundary.forbid)
  const excepted = matcher(boundary.except)
  const typesAllowed = matcher(boundary.typesFrom)
  return {
    meta: {
      type: 'problem',
      docs: { description: boundary.message },
      schema: [],
      messages: { crossed: "{{message}} (imports '{{specifier}}')" },
    },
    create(context) {
      const importer = context.filename
      function check(node, source) {
        if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
        const target = importTarget(source.value, importer, root)
        if (!forbidden(target) || excepted(target)) return
        if (isTypeOnly(node) && typesAllowed(target)) return
        context.report({ node: source, messageId: 'crossed', data: { message: boundary.message, specifier: source.value } })
      }
      return {
        ImportDeclaration: (node) => check(node, node.source),
        ExportNamedDeclaration: (node) => check(node, node.source),
        ExportAllDeclaration: (node) => check(node, node.source),
        ImportExpression: (node) => check(node, node.source),
        TSImportType: (node) => check(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source),
        CallExpression: (node) => {
          if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0])
        },
      }
    },
  }
}

/**
 * Builds the `layering` plugin and the flat-config blocks that switch each boundary on for its
 * files. `root` is the folder the globs are relative to (the config's folder).
 * @param {Boundary[]} boundaries
 * @param {string} root
 */
export function layering(boundaries, root) {
  const plugin = {
    meta: { name: 'layering' },
    rules: Object.fromEntries(boundaries.map((boundary) => [boundary.name, boundaryRule(boundary, root)])),
  }
  return [
    { name: 'layering/plugin', plugins: { layering: plugin } },
    ...boundaries.map((boundary) => ({
      name: `layering/${boundary.name}`,
      files: boundary.files,
      ...(boundary.ignores ? { ignores: boundary.ignores } : {}),
      rules: { [`layering/${boundary.name}`]: 'error' },
    })),
  ]
}
