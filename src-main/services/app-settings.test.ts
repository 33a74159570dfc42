import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readSettings, saveRetentionPolicy, savedRetentionPolicy, updateSettings } from './app-settings.ts'

let dataDir: string
let path: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-settings-'))
  path = join(dataDir, 'settings.json')
})

afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('settings.json', () => {
  it('reads as empty when there is no file, and an empty saved policy keeps everything', () => {
    expect(readSettings(dataDir)).toEqual({})
    expect(savedRetentionPolicy(dataDir)).toEqual({})
  })

  it('saves the retention policy atomically (0600, no temp file left) and keeps keys it does not know', () => {
    writeFileSync(path, JSON.stringify({ s3_validation_rate_limit: 5, theme: { accent: 'teal' } }))
    saveRetentionPolicy(dataDir, { maxEvents: 1000, maxAgeDays: 90 })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ s3_validation_rate_limit: 5, theme: { accent: 'teal' }, audit_retention: { max_age_days: 90, max_events: 1000 } })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dataDir)).toEqual(['settings.json'])
    expect(savedRetentionPolicy(dataDir)).toEqual({ maxAgeDays: 90, maxEvents: 1000 })
    saveRetentionPolicy(dataDir, {})
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ s3_validation_rate_limit: 5, theme: { accent: 'teal' } })
  })

  it('refuses a file that is not JSON, naming it, and never overwrites it', () => {
    writeFileSync(path, '{ "audit_retention": { "max_events": 10 }, }')
    expect(() => readSettings(dataDir)).toThrow(`Gatehouse settings file ${path} is malformed (it is not valid JSON`)
    expect(() => saveRetentionPolicy(dataDir, { maxEvents: 5 })).toThrow(/Fix it or remove it; Gatehouse will not overwrite it/)
    expect(readFileSync(path, 'utf8')).toBe('{ "audit_retention": { "max_events": 10 }, }')
  })

  it('names a known key with a bad value or an unknown retention key', () => {
    writeFileSync(path, JSON.stringify({ audit_retention: { max_events: 0 } }))
    expect(() => savedRetentionPolicy(dataDir)).toThrow(/audit_retention\.max_events: Too small/)
    writeFileSync(path, JSON.stringify({ audit_retention: { max_event: 10 } }))
    expect(() => savedRetentionPolicy(dataDir)).toThrow(/audit_retention: Unrecognized key: "max_event"/)
    writeFileSync(path, '[1, 2]')
    expect(() => readSettings(dataDir)).toThrow(/\(file\): Invalid input: expected object, received array/)
  })

  it('refuses to write a value outside the schema and leaves the file as it was', () => {
    writeFileSync(path, JSON.stringify({ s3_validation_rate_limit: 5 }))
    expect(() => updateSettings(dataDir, (settings) => ({ ...settings, s3_validation_rate_limit: -1 }))).toThrow()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ s3_validation_rate_limit: 5 })
  })
})
