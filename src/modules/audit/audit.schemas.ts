import { z } from 'zod';

export const AuditQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  actor: z.string().max(100).optional().describe('User name of the actor'),
  entityType: z.string().max(50).optional(),
  action: z.string().max(50).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string().describe('ISO 8601 time'),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
