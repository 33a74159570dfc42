/**
 * The audit trail's public surface. Mutating server calls go through `AuditTrail.recordChange`
 * (via src-main/services/iam-session.ts); everything else (queries, export, verify, retention,
 * connection events) goes through `AuditService`.
 */
export { AuditService, type ConnectionEvent } from './audit.service.ts'
export { AuditTrail, describeFailure, type PendingEvent, type CompletionOutcome, type TrailOptions } from './audit-trail.ts'
export { AUDIT_FILE_NAME, auditDatabasePath, openAuditDatabase } from './audit-database.ts'
export { exportEvents, type ExportFormat, type ExportSummary } from './audit-export.ts'
export { queryEvents, getEvent } from './audit-query.ts'
export { pruneAuditTrail, retentionStatus, type RetentionPolicy, type RetentionStatus, type PruneSummary } from './audit-retention.ts'
export { policyHistory, diffPolicyVersions, diffDocuments, isSameDocument, type PolicyVersion, type PolicyDiff } from './policy-history.ts'
export * from './audit.types.ts'
