// Checklist benchmark (issue 15, Performance): the storage-security checklist of a live MinIO with
// 100 buckets (built-in KMS; a third versioned, encrypted and with a lifecycle rule) < 5 s. The
// reference, measured in the same run, is one plain ListBuckets round trip times the number of
// bucket reads the checklist makes (4 per bucket), made one after another. Not a test:
//   npx tsx bench/checklist.bench.ts
import { loadavg } from 'node:os'
import { checkDeployment } from '../src-main/services/checklist.service.ts'
import { IamSession } from '../src-main/services/iam-session.ts'
import { s3Client } from '../src-main/storage/bucket-reader.ts'
import { tempTrail } from '../src-main/testbed/audit/trail-fixtures.ts'
import { builtinKmsEnv, startMinio } from '../src-main/testbed/minio/minio-server.ts'

const BUCKETS = 100
const minio = await startMinio({ env: builtinKmsEnv() })
try {
  const root = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
  const s3 = s3Client(root)
  for (let index = 0; index < BUCKETS; index++) {
    const bucket = `bench-${String(index).padStart(3, '0')}`
    await s3.makeBucket(bucket)
    if (index % 3 === 0) {
      await s3.setBucketVersioning(bucket, { Status: 'Enabled' })
      await s3.setBucketEncryption(bucket, { Rule: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] })
      await s3.setBucketLifecycle(bucket, { Rule: [{ ID: 'old', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] } as never)
    }
  }
  const made = tempTrail()
  // The app's road: the checklist reads through one IAM session (IAM reads and S3 reads on its credentials).
  const session = new IamSession({ connection: { id: 'bench', name: 'bench', endpoint: minio.endpoint }, credentials: root, trail: made.trail })
  console.log(`node ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}; ${BUCKETS} buckets`)
  const runs: number[] = []
  let failing = 0
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    const report = await checkDeployment(session, { name: 'bench', endpoint: minio.endpoint })
    runs.push(performance.now() - started)
    failing = report.items.filter((item) => item.status === 'fail').length
  }
  const median = [...runs].sort((left, right) => left - right)[1] as number
  console.log(`checklist of ${BUCKETS} buckets: median ${median.toFixed(0)} ms of 3 runs (target < 5000 ms: ${median < 5000 ? 'met' : 'MISSED'}); ${failing} items fail`)
  const started = performance.now()
  await s3.listBuckets()
  const roundTrip = performance.now() - started
  console.log(`  reference: one ListBuckets round trip ${roundTrip.toFixed(1)} ms; ${BUCKETS * 4} such reads one after another ≈ ${(roundTrip * BUCKETS * 4).toFixed(0)} ms`)
  session.close()
  made.cleanup()
} finally {
  await minio.stop()
}
