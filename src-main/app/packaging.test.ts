import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, matchesGlob, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// Packaging needs Electron and the network, so it cannot run here: this checks the configuration
// that `npm run dist` hands to electron-builder (electron-builder.yml) instead.
const root = resolve(import.meta.dirname, '../..')
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  asarUnpack: string[]
  electronFuses: Record<string, boolean>
  files: string[]
  icon: string
  linux: { target: string[] }
  mac: { target: string }
  win: { target: string }
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
  main: string
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean }>
}

/** The .node files of every installed package that ships with the app (non-dev per the lockfile). */
function shippedNativeModules(): string[] {
  const found: string[] = []
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.devOptional || !existsSync(join(root, path)))
      continue
    const files = readdirSync(join(root, path), { recursive: true, encoding: 'utf8' })
    found.push(
      ...files
        .filter((file) => file.endsWith('.node'))
        .map((file) => `${path}/${file.replaceAll('\\', '/')}`),
    )
  }
  return found
}

describe('electron-builder.yml', () => {
  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('packs the app in an asar and unpacks every native module that ships (better-sqlite3, keytar, …)', () => {
    expect(config.asar).toBe(true)
    const natives = shippedNativeModules()
    expect(natives.some((file) => file.startsWith('node_modules/better-sqlite3/'))).toBe(true)
    expect(natives.some((file) => file.startsWith('node_modules/keytar/'))).toBe(true)
    const packed = natives.filter((file) => !config.asarUnpack.some((pattern) => matchesGlob(file, pattern)))
    expect(packed).toEqual([])
    for (const name of ['better-sqlite3', 'keytar']) {
      expect(
        config.asarUnpack.some((pattern) => matchesGlob(`node_modules/${name}/lib/index.js`, pattern)),
        name,
      ).toBe(true)
    }
  })

  it('names the app and builds AppImage + deb, dmg and nsis from the built output', () => {
    expect(config).toMatchObject({ appId: 'dev.gatehouse.console', productName: 'Gatehouse' })
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    expect(config.files).toContain('out/**/*')
    expect(manifest.main).toBe('out/main/index.js')
    expect(manifest.scripts.dist).toMatch(/^npm run build && electron-builder\b/)
  })

  it('has a 512×512 PNG icon in resources/', () => {
    expect(config.icon).toMatch(/^resources\//)
    const png = readFileSync(join(root, config.icon))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })
})
