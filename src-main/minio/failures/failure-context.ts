/** What a request was for, so a failure can say so. Never holds a secret. */
export interface FailureContext {
  endpoint: string
  accessKey: string
  /** Human phrase: "list users", "attach policy 'x' to user 'y'". */
  operation: string
  /** The policy action the server checks, for AccessDenied advice (e.g. admin:CreateUser). */
  action?: string
  /** The saved connection's name, when the request is made for one. */
  connection?: string
  /** Whether the request carried an STS session token (temporary credentials). */
  hasSessionToken?: boolean
}
