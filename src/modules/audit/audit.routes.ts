import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPageSchema, AuditQuerySchema } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get('/api/v1/audit', { schema: { tags: ['audit'], summary: 'Browse the audit log (admins)', querystring: AuditQuerySchema, response: { 200: AuditPageSchema } } }, async (req) => {
    const { page, pageSize, ...filter } = req.query;
    const result = await audit.findEntries(req.requireActor(), filter, { page, pageSize });
    return { ...result, items: result.items.map((r) => ({ ...r, at: r.at.toISOString() })) };
  });
};
