import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  EnterpriseCreateSchema, EnterpriseDetailSchema, EnterpriseListQuerySchema, EnterprisePageSchema, EnterpriseUpdateSchema,
  HistorySchema, IdParamsSchema, IndicatorsInputSchema, IndicatorsParamsSchema, SummarySchema,
} from './enterprises.schemas.ts';
import type { EnterprisesService } from './enterprises.service.ts';

export const enterprisesRoutes: FastifyPluginAsyncZod<{ enterprises: EnterprisesService }> = async (app, { enterprises }) => {
  const tags = ['enterprises'];

  app.get('/api/v1/enterprises', { schema: { tags, summary: 'List enterprises in your scope', querystring: EnterpriseListQuerySchema, response: { 200: EnterprisePageSchema } } }, async (req) =>
    enterprises.findEnterprises(req.requireActor(), req.query),
  );

  app.post('/api/v1/enterprises', { schema: { tags, summary: 'Register an enterprise', body: EnterpriseCreateSchema, response: { 201: EnterpriseDetailSchema } } }, async (req, reply) => {
    const created = await enterprises.createEnterprise(req.requireActor(), req.body, req.id);
    return reply.code(201).send(created);
  });

  app.get('/api/v1/enterprises/:id', { schema: { tags, summary: 'One enterprise with its yearly indicators', params: IdParamsSchema, response: { 200: EnterpriseDetailSchema } } }, async (req) =>
    enterprises.getEnterprise(req.requireActor(), req.params.id),
  );

  app.patch('/api/v1/enterprises/:id', { schema: { tags, summary: 'Change an enterprise (optimistic locking by version)', params: IdParamsSchema, body: EnterpriseUpdateSchema, response: { 200: EnterpriseDetailSchema } } }, async (req) =>
    enterprises.updateEnterprise(req.requireActor(), req.params.id, req.body, req.id),
  );

  app.put('/api/v1/enterprises/:id/indicators/:year', { schema: { tags, summary: 'Set one year of figures (all ten, null for unknown)', params: IndicatorsParamsSchema, body: IndicatorsInputSchema, response: { 200: EnterpriseDetailSchema } } }, async (req) =>
    enterprises.setIndicators(req.requireActor(), req.params.id, req.params.year, req.body, req.id),
  );

  app.get('/api/v1/enterprises/:id/history', { schema: { tags, summary: 'Change history of an enterprise', params: IdParamsSchema, response: { 200: HistorySchema } } }, async (req) =>
    enterprises.getHistory(req.requireActor(), req.params.id),
  );

  app.get('/api/v1/stats/enterprises/summary', { schema: { tags: ['stats'], summary: 'Dashboard counts in your scope: by district, industry (大类), size class; 规上 and tag counts', response: { 200: SummarySchema } } }, async (req) =>
    enterprises.summarize(req.requireActor()),
  );
};
