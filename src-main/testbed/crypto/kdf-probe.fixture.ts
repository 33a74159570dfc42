// Run by kdf.test.ts in a child process with GATEHOUSE_ARGON2 set: prints "<backend> <key hex>".
import { argon2Backend, deriveArgon2Key } from '../../minio/crypto/kdf.ts'

const key = await deriveArgon2Key(Buffer.from('xPl.8/rhR"Q_1xLt'), Buffer.alloc(32, 9))
console.log(`${argon2Backend()} ${Buffer.from(key).toString('hex')}`)
