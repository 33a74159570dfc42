#!/usr/bin/env node
// The `gatehouse` CLI. It runs the TypeScript sources through tsx, so `npx gatehouse` works straight
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src-main/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
