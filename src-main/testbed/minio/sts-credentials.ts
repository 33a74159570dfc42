import { randomBytes } from 'node:crypto'
import { AssumeRoleProvider } from 'minio/dist/esm/AssumeRoleProvider.mjs'
import { AdminClient } from '../../minio/admin-client.ts'
import type { MinioServer } from './minio-server.ts'

export interface TemporaryCredentials {
  accessKey: string
  secretKey: string
  sessionToken: string
  /** ISO time the server gave as the credentials' expiry. */
  expiresAt: string
  /** The permanent user the credentials were issued for. */
  parentUser: string
}

/**
 * Temporary admin credentials as an LDAP/OpenID admin holds them: a user with the consoleAdmin
 * policy, then STS AssumeRole (900 s, MinIO's shortest) signed with that user's keys against the
 * same MinIO. Needs the root credential only to create the user.
 */
export async function temporaryAdminCredentials(minio: MinioServer): Promise<TemporaryCredentials> {
  const parentUser = `sts-admin-${randomBytes(4).toString('hex')}`
  const parentSecret = randomBytes(18).toString('base64url')
  const root = new AdminClient({ endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey })
  try {
    await root.createUser({ accessKey: parentUser, secretKey: parentSecret })
    await root.attachPolicies({ user: parentUser }, ['consoleAdmin'])
  } finally {
    root.close()
  }
  const provider = new AssumeRoleProvider({ stsEndpoint: minio.endpoint, accessKey: parentUser, secretKey: parentSecret, durationSeconds: 900 })
  const credentials = await provider.getCredentials()
  const sessionToken = credentials.getSessionToken()
  if (!sessionToken) throw new Error(`MinIO at ${minio.endpoint} issued no session token for AssumeRole`)
  return {
    accessKey: credentials.getAccessKey(),
    secretKey: credentials.getSecretKey(),
    sessionToken,
    expiresAt: String((provider as unknown as { accessExpiresAt: string }).accessExpiresAt),
    parentUser,
  }
}
