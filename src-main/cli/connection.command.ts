import type { AppServices } from '../services/app-services.ts'
import { cliServices } from './cli-services.ts'
import { AppFailure } from '../api/result.ts'
import { describeStore } from '../vault/choose-store.ts'
import { parseCommandArgs } from './args.ts'
import { EXIT, UsageError, type CliIo } from './io.ts'

const HELP = `Usage: gatehouse connection <command>

  add NAME --endpoint URL --access-key KEY [--ca-file FILE] [--allow-self-signed]
      [--session-token [--expires-at ISO-TIME]]
        The secret key is read from standard input (pipe it) or asked for on the terminal;
        it is never taken from the command line. It is stored only in the OS keychain or,
        where there is none (or after \`gatehouse vault migrate --to vault\`), the encrypted vault.
        --session-token: temporary (STS) credentials, e.g. from mc idp ldap or AssumeRole.
        The session token is asked for on the terminal after the secret key, or piped as the
        second line of standard input (secret key, newline, session token).
        --expires-at: when they expire (e.g. 2026-11-23T18:00:00Z); list warns 10 min before.
  list [--json]             Also says which store holds the secrets (keychain or vault).
  test NAME [--json]        Calls the admin API's server info (rate-limited per connection).
  remove NAME               Removes the profile and its secrets.

Profiles live in the data directory (GATEHOUSE_DATA_DIR overrides it), shared with the app.
A locked vault asks for its passphrase on the terminal, or reads it from the file named by
GATEHOUSE_VAULT_PASSPHRASE_FILE (for scripts).
`

/** `gatehouse connection …`: the same profiles and keychain entries as the app. */
export async function runConnectionCommand(args: string[], io: CliIo, services?: AppServices): Promise<number> {
  const [command, ...rest] = args
  if (!command || command === '--help' || command === '-h') {
    io.stdout(HELP)
    return command ? EXIT.ok : EXIT.usage
  }
  const app = services ?? (await cliServices(io))
  try {
    switch (command) {
      case 'add':
        return await add(rest, io, app)
      case 'list':
        return await list(rest, io, app)
      case 'test':
        return await test(rest, io, app)
      case 'remove':
        return await remove(rest, io, app)
      default:
        throw new UsageError(`unknown command '${command}'.\n\n${HELP}`)
    }
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    io.stderr(`${error.code}: ${error.message}\n`)
    return EXIT.failed
  }
}

async function add(args: string[], io: CliIo, app: AppServices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    endpoint: { type: 'string' },
    'access-key': { type: 'string' },
    'ca-file': { type: 'string' },
    'allow-self-signed': { type: 'boolean', default: false },
    'secret-key': { type: 'string' },
    'session-token': { type: 'boolean', default: false },
    'expires-at': { type: 'string' },
  })
  if (values['secret-key'] !== undefined) {
    throw new UsageError('--secret-key is refused: a secret on the command line ends up in shell history and `ps`. Pipe it on standard input instead.')
  }
  const name = single(positionals, 'NAME')
  if (!values.endpoint || !values['access-key']) throw new UsageError('add needs --endpoint URL and --access-key KEY.')
  if (values['expires-at'] && !values['session-token']) throw new UsageError('--expires-at is for temporary credentials: add --session-token.')
  const { secretKey, sessionToken } = await readSecrets(io, values['session-token'] ?? false)
  const view = await app.connections.create({
    name,
    endpoint: values.endpoint,
    accessKey: values['access-key'],
    secretKey,
    ...(sessionToken ? { sessionToken, sessionExpiresAt: values['expires-at'] } : {}),
    tls: { allowSelfSigned: values['allow-self-signed'] ?? false, ...(values['ca-file'] ? { caFile: values['ca-file'] } : {}) },
  })
  const stored = view.hasSessionToken ? 'secret key and session token' : 'secret'
  io.stdout(`Added connection '${view.name}' (${view.endpoint}); ${stored} stored in ${app.credentials.backend}.\n`)
  for (const warning of view.warnings) io.stderr(`warning: ${warning}\n`)
  return EXIT.ok
}

async function list(args: string[], io: CliIo, app: AppServices): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
  const connections = await app.connections.list()
  if (values.json) {
    io.stdout(`${JSON.stringify(connections, null, 2)}\n`)
    return EXIT.ok
  }
  io.stdout(`${describeStore(app.credentials)}\n`)
  if (connections.length === 0) {
    io.stdout('No connections yet. Add one: gatehouse connection add NAME --endpoint URL --access-key KEY\n')
    return EXIT.ok
  }
  const width = Math.max(4, ...connections.map((connection) => connection.name.length))
  io.stdout(`${'NAME'.padEnd(width)}  ENDPOINT  ACCESS KEY\n`)
  for (const connection of connections) {
    const flags = [
      connection.hasSecret ? '' : '(no stored secret)',
      connection.hasSessionToken ? '(temporary)' : '',
      ...connection.warnings.map(() => '(!)'),
    ]
      .filter(Boolean)
      .join(' ')
    io.stdout(`${connection.name.padEnd(width)}  ${connection.endpoint}  ${connection.accessKey} ${flags}`.trimEnd() + '\n')
  }
  return EXIT.ok
}

async function test(args: string[], io: CliIo, app: AppServices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
  const info = await app.connections.test(single(positionals, 'NAME'))
  if (values.json) {
    io.stdout(`${JSON.stringify(info, null, 2)}\n`)
    return EXIT.ok
  }
  io.stdout(
    `OK: ${info.endpoint}\n` +
      `  version  ${info.versions.join(', ') || 'unknown'}\n` +
      `  mode     ${info.mode} (${info.backendType}, ${info.servers.length} server${info.servers.length === 1 ? '' : 's'})\n` +
      `  drives   ${info.drivesOnline} online, ${info.drivesOffline} offline\n` +
      `  buckets  ${info.bucketCount}, objects ${info.objectCount}\n`,
  )
  return EXIT.ok
}

async function remove(args: string[], io: CliIo, app: AppServices): Promise<number> {
  const { positionals } = parseCommandArgs(args, {})
  const profile = app.connections.profile(single(positionals, 'NAME'))
  await app.connections.remove(profile.id)
  io.stdout(`Removed connection '${profile.name}' and its secrets.\n`)
  return EXIT.ok
}

function single(positionals: string[], label: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`expected exactly one ${label}.`)
  return positionals[0]
}

/** The secret key (and with --session-token the token): hidden prompts on a terminal, else stdin lines. */
async function readSecrets(io: CliIo, withSessionToken: boolean): Promise<{ secretKey: string; sessionToken?: string }> {
  if (io.isStdinTty && io.promptHidden) {
    const secretKey = await io.promptHidden('Secret key: ')
    if (!secretKey) throw new UsageError('no secret key given.')
    if (!withSessionToken) return { secretKey }
    const sessionToken = (await io.promptHidden('Session token: ')).trim()
    if (!sessionToken) throw new UsageError('no session token given (drop --session-token for permanent keys).')
    return { secretKey, sessionToken }
  }
  const input = await io.readStdin()
  if (!withSessionToken) {
    const secretKey = input.replace(/\r?\n$/, '')
    if (!secretKey) throw new UsageError('no secret key given on standard input.')
    return { secretKey }
  }
  const [secretKey = '', sessionToken = '', ...extra] = input.replace(/(\r?\n)+$/, '').split(/\r?\n/)
  if (!secretKey || !sessionToken.trim() || extra.length > 0) {
    throw new UsageError('with --session-token, standard input must hold two lines: the secret key, then the session token.')
  }
  return { secretKey, sessionToken: sessionToken.trim() }
}
