/**
 * MinIO's built-in (canned) policies, exactly as minio/pkg v3.1.3 defines them (policy/constants.go
 * `DefaultPolicies`, the version the community server's last release builds with): Resource
 * `NewResource("*")` marshals as `arn:aws:s3:::*`; consoleAdmin's admin and KMS statements have none.
 * MinIO keeps actions in a set, so the server may list them in another order.
 */
import type { PolicyDocument } from '../policy/index.ts'

export type BuiltinPolicyName = 'readwrite' | 'readonly' | 'writeonly' | 'diagnostics' | 'consoleAdmin'

const V = '2012-10-17'
const ALL = ['arn:aws:s3:::*']

export const BUILTIN_POLICY_DOCUMENTS: Readonly<Record<BuiltinPolicyName, PolicyDocument>> = {
  readwrite: { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ALL }] },
  readonly: { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetObject'], Resource: ALL }] },
  writeonly: { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: ALL }] },
  diagnostics: {
    Version: V,
    Statement: [{
      Effect: 'Allow',
      Action: ['admin:BandwidthMonitor', 'admin:ConsoleLog', 'admin:OBDInfo', 'admin:Profiling', 'admin:Prometheus', 'admin:ServerInfo', 'admin:ServerTrace', 'admin:TopLocksInfo'],
      Resource: ALL,
    }],
  },
  consoleAdmin: {
    Version: V,
    Statement: [
      { Effect: 'Allow', Action: ['admin:*'] },
      { Effect: 'Allow', Action: ['kms:*'] },
      { Effect: 'Allow', Action: ['s3:*'], Resource: ALL },
    ],
  },
}

export const BUILTIN_POLICY_DESCRIPTIONS: Readonly<Record<BuiltinPolicyName, string>> = {
  readwrite: 'Every S3 action on every bucket and object (MinIO\'s built-in readwrite).',
  readonly: 'Read any object and locate any bucket; no listing (MinIO\'s built-in readonly).',
  writeonly: 'Upload to any bucket; no reading or listing (MinIO\'s built-in writeonly).',
  diagnostics: 'Server info, traces, logs, profiling, health and metrics; no data access (MinIO\'s built-in diagnostics).',
  consoleAdmin: 'Everything: all admin, KMS and S3 actions (MinIO\'s built-in consoleAdmin).',
}
