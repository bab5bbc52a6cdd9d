/** Audit trail: append-only record of every write. */
export { createAuditService, type AuditService, type AuditEntry } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
