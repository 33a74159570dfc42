/**
 * Every module a built JavaScript file asks for: literal `require('x')`, `import … from 'x'`,
 * `export … from 'x'` and `import('x')`. A `require`/`import(` whose argument is not a string
 * literal counts as dynamic: it could load anything, so a bundle check treats it as a failure.
 * Text-level on purpose (no parser): a stray match in a comment fails safe.
 */
export interface ModuleRequests {
  specifiers: string[]
  dynamic: number
}

const LITERAL_REQUIRE = /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g
const ANY_REQUIRE = /\brequire\s*\(/g
const LITERAL_DYNAMIC_IMPORT = /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g
const ANY_DYNAMIC_IMPORT = /\bimport\s*\(/g
const STATIC_IMPORT =
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1|^\s*import\s*(['"])([^'"]+)\3/gm

export function moduleRequests(source: string): ModuleRequests {
  const specifiers = new Set<string>()
  let literal = 0
  for (const match of source.matchAll(LITERAL_REQUIRE)) {
    specifiers.add(match[2] ?? '')
    literal++
  }
  for (const match of source.matchAll(LITERAL_DYNAMIC_IMPORT)) {
    specifiers.add(match[2] ?? '')
    literal++
  }
  for (const match of source.matchAll(STATIC_IMPORT)) specifiers.add(match[2] ?? match[4] ?? '')
  const calls = [...source.matchAll(ANY_REQUIRE)].length + [...source.matchAll(ANY_DYNAMIC_IMPORT)].length
  return { specifiers: [...specifiers].sort(), dynamic: calls - literal }
}
