import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { streamMatchesWorkbook } from './policies.export.ts';
import {
  AsOfQuerySchema, EnterpriseParamsSchema, EnterprisePolicyMatchesSchema, ItemParamsSchema, PolicyCalculatorInputSchema,
  PolicyCalculatorResultSchema, PolicyItemDetailSchema, PolicyItemListSchema, PolicyMatchPageSchema, PolicyMatchesExportQuerySchema,
  PolicyMatchesQuerySchema, PublicPolicyListSchema,
} from './policies.schemas.ts';
import type { PoliciesService } from './policies.service.ts';
import { policyAuthoringRoutes } from './authoring.routes.ts';
import type { PolicyMatchRuns } from './match-runs.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** 政策找企业 over HTTP: the catalogue and its matches (signed in, scoped), the public catalogue and calculator. */
export const policiesRoutes: FastifyPluginAsyncZod<{ policies: PoliciesService; runs?: PolicyMatchRuns | null }> = async (app, { policies, runs }) => {
  const tags = ['policies'];
  await app.register(policyAuthoringRoutes, { policies, runs: runs ?? null });

  app.get('/api/v1/policy-items', { schema: { tags, summary: 'The policy catalogue with eligible firms, near misses and estimated benefit in your scope', querystring: AsOfQuerySchema, response: { 200: PolicyItemListSchema } } }, async (req) =>
    policies.listItems(req.requireActor(), req.query),
  );

  app.get('/api/v1/policy-items/:id', { schema: { tags, summary: 'One item: article, rule in words, counts in your scope, eligible firms per district', params: ItemParamsSchema, querystring: AsOfQuerySchema, response: { 200: PolicyItemDetailSchema } } }, async (req) =>
    policies.getItem(req.requireActor(), req.params.id, req.query, { locale: req.locale }),
  );

  app.get('/api/v1/policy-items/:id/matches', { schema: { tags, summary: 'Eligible enterprises (largest benefit first) or near misses (closest first) of an item, in your scope, paged', params: ItemParamsSchema, querystring: PolicyMatchesQuerySchema, response: { 200: PolicyMatchPageSchema } } }, async (req) =>
    policies.findItemMatches(req.requireActor(), req.params.id, req.query, { locale: req.locale }),
  );

  app.get('/api/v1/policy-items/:id/matches.xlsx', { schema: { tags, summary: 'The same list as .xlsx (every page)', params: ItemParamsSchema, querystring: PolicyMatchesExportQuerySchema } }, async (req, reply) => {
    const { item, asOf, batches } = await policies.exportItemMatches(req.requireActor(), req.params.id, req.query, { locale: req.locale });
    const stream = streamMatchesWorkbook({ item, asOf, kind: req.query.kind, batches, locale: req.locale });
    const label = req.query.kind === 'near-miss' ? (req.locale === 'en-US' ? 'near-misses' : '差一条') : req.locale === 'en-US' ? 'eligible' : '符合条件企业';
    return reply.type(XLSX).header('content-disposition', attachment(`${item.id}-${label}-${asOf.replace(/-/g, '')}.xlsx`)).send(stream);
  });

  app.get('/api/v1/enterprises/:id/policy-matches', { schema: { tags, summary: 'The items an enterprise in your scope qualifies for, with benefit and explanation, and those it misses by one condition', params: EnterpriseParamsSchema, querystring: AsOfQuerySchema, response: { 200: EnterprisePolicyMatchesSchema } } }, async (req) =>
    policies.getEnterpriseMatches(req.requireActor(), req.params.id, req.query, { locale: req.locale }),
  );

  app.get('/api/v1/public/policy-items', { schema: { tags: ['public'], summary: 'The published catalogue, machine-readable: rules, formulas, 文号, articles, dates (no sign-in)', security: [], querystring: AsOfQuerySchema, response: { 200: PublicPolicyListSchema } }, config: { public: true } }, async (req) =>
    policies.listPublicItems(req.query, { locale: req.locale }),
  );

  app.post('/api/v1/public/policy-calculator', { schema: { tags: ['public'], summary: '政策计算器: the items a firm with these figures would qualify for (nothing is stored; no sign-in)', security: [], body: PolicyCalculatorInputSchema, response: { 200: PolicyCalculatorResultSchema } }, config: { public: true } }, async (req) =>
    policies.calculate(req.body, { locale: req.locale }),
  );
};
