import type { AppServices } from './app-services.ts'
import type { PolicyRemoval } from './views.types.ts'

/**
 * `policies.remove`: deletes the policy on the server (one audited change; MinIO refuses while it
 * is attached: CONFLICT, and then nothing else happens), then, only when asked, its saved cases on
 * this machine. Kept cases stay under the policy's name: a policy created again under it finds them.
 */
export async function removePolicy(services: AppServices, connection: string, name: string, options: { deleteSavedCases: boolean }): Promise<PolicyRemoval> {
  await services.withIam(connection, (iam) => iam.deletePolicy(name))
  return { removed: true, deletedCases: options.deleteSavedCases ? services.policyCases.forgetPolicy(connection, name) : 0 }
}
