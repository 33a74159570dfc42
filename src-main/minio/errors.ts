/**
 * The ONE mapping of MinIO's answers to app failures (codes from api/result.ts, messages that name
 * the endpoint and say what to do; never a secret). One file per kind of answer:
 * - failures/error-reply.ts: decoding MinIO's JSON or XML error body;
 * - failures/api-error.ts: an error reply → AppFailure (status + MinIO code → app code);
 * - failures/credentials.ts: the refused-credential messages (secret key, STS session token);
 * - failures/network.ts: no reply at all (socket, DNS, TLS, timeout);
 * - failures/other-replies.ts: an answer that is not MinIO's, an undecryptable or unexpected reply.
 */
export type { FailureContext } from './failures/failure-context.ts'
export { parseMinioError, type MinioApiError } from './failures/error-reply.ts'
export { failureFromApiError } from './failures/api-error.ts'
export { failureFromNetworkError } from './failures/network.ts'
export { failureFromDecryptError, notAdminApiFailure, unexpectedReplyFailure } from './failures/other-replies.ts'
