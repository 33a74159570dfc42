import { describe, expect, it } from 'vitest'
import { resolveDataDir } from './data-dir.ts'

describe('resolveDataDir', () => {
  it('prefers GATEHOUSE_DATA_DIR', () => {
    expect(resolveDataDir({ GATEHOUSE_DATA_DIR: '/tmp/gh', HOME: '/home/a' }, 'linux')).toBe('/tmp/gh')
  })
  it('follows XDG on Linux, like Electron userData', () => {
    expect(resolveDataDir({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.config/Gatehouse')
    expect(resolveDataDir({ HOME: '/home/a', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Gatehouse')
  })
  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(resolveDataDir({ HOME: '/Users/a' }, 'darwin')).toBe('/Users/a/Library/Application Support/Gatehouse')
    expect(resolveDataDir({ HOME: 'C:/u', APPDATA: 'C:/u/AppData/Roaming' }, 'win32')).toBe('C:/u/AppData/Roaming/Gatehouse')
  })
})
