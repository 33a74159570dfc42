// `npm run sandbox`: a throwaway MinIO (built from source) for trying Gatehouse. Prints the endpoint
// and root credentials, runs until Ctrl+C, then stops and deletes its data.
import { startMinio } from '../src-main/testbed/minio/minio-server.ts'

const server = await startMinio({ port: Number(process.env.GATEHOUSE_SANDBOX_PORT ?? 0) || undefined })
process.stdout.write(
  `MinIO sandbox is running.\n` +
    `  endpoint    ${server.endpoint}\n` +
    `  access key  ${server.rootAccessKey}\n` +
    `  secret key  ${server.rootSecretKey}\n` +
    `  data        ${server.dataDir} (deleted on exit)\n` +
    `Add it in Gatehouse, or: printf '%s' '${server.rootSecretKey}' | npx gatehouse connection add sandbox --endpoint ${server.endpoint} --access-key ${server.rootAccessKey}\n` +
    `Press Ctrl+C to stop.\n`,
)
const stop = () => void server.stop().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
