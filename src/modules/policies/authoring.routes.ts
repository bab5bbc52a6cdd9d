import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeProblem } from '../../server/i18n/index.ts';
import {
  PolicyDraftListSchema, PolicyItemCreateSchema, PolicyItemVersionInputSchema,
  PolicyItemVersionsSchema, PolicyMatchRunListSchema, PolicyMatchRunSchema, PolicyPreviewSchema, PolicyPublishSchema, PolicyRuleCheckSchema, PolicyRuleInputSchema,
  RunParamsSchema,
} from './authoring.schemas.ts';
import { policyDocumentRoutes } from './documents.routes.ts';
import type { PolicyMatchRuns } from './match-runs.ts';
import { ItemParamsSchema } from './policies.schemas.ts';
import type { PoliciesService } from './policies.service.ts';

/** Writing the catalogue over HTTP: documents (and their files), items and versions, check, preview, publish, withdraw, full re-match runs. */
export const policyAuthoringRoutes: FastifyPluginAsyncZod<{ policies: PoliciesService; runs: PolicyMatchRuns | null }> = async (app, { policies, runs }) => {
  const tags = ['policies'];

  await app.register(policyDocumentRoutes, { policies });

  app.get('/api/v1/policy-item-drafts', { schema: { tags, summary: 'Items never published that you may write', response: { 200: PolicyDraftListSchema } } }, async (req) =>
    policies.listDrafts(req.requireActor()),
  );

  app.post('/api/v1/policy-items', { schema: { tags, summary: 'A new item of a document, as a draft (version 1); its rule and formula are checked', body: PolicyItemCreateSchema, response: { 201: PolicyItemVersionsSchema } } }, async (req, reply) =>
    reply.code(201).send(await policies.createItem(req.requireActor(), req.body, req.id)),
  );

  app.get('/api/v1/policy-items/:id/versions', { schema: { tags, summary: 'An item with its document and every version, drafts included', params: ItemParamsSchema, response: { 200: PolicyItemVersionsSchema } } }, async (req) =>
    policies.getVersions(req.requireActor(), req.params.id),
  );

  app.post('/api/v1/policy-items/:id/versions', { schema: { tags, summary: 'A new version of an item (a draft until published): a changed rule, formula or window with its effective date', params: ItemParamsSchema, body: PolicyItemVersionInputSchema, response: { 201: PolicyItemVersionsSchema } } }, async (req, reply) =>
    reply.code(201).send(await policies.saveVersion(req.requireActor(), req.params.id, req.body, req.id)),
  );

  app.post('/api/v1/policy-items/:id/publications', { schema: { tags, summary: 'Publishes a version (the newest by default) after checking its rule and its formula over every enterprise it matches; matched at once', params: ItemParamsSchema, body: PolicyPublishSchema.optional(), response: { 200: PolicyItemVersionsSchema } } }, async (req) =>
    policies.publish(req.requireActor(), req.params.id, { version: req.body?.version }, req.id),
  );

  app.post('/api/v1/policy-items/:id/withdrawals', { schema: { tags, summary: 'Withdraws a published item: no date matches it any more', params: ItemParamsSchema, response: { 200: PolicyItemVersionsSchema } } }, async (req) =>
    policies.withdraw(req.requireActor(), req.params.id, req.id),
  );

  app.post('/api/v1/policy-rule-checks', { schema: { tags, summary: 'Checks a rule and formula without saving: unknown fields, values, operators, types', body: PolicyRuleInputSchema, response: { 200: PolicyRuleCheckSchema } } }, async (req) => {
    const issues = policies.checkRule(req.requireActor(), req.body);
    return { valid: issues.length === 0, issues: issues.map((i) => ({ path: i.path, code: i.code, message: describeProblem(req.locale, i) })) };
  });

  app.post('/api/v1/policy-rule-previews', { schema: { tags, summary: 'How many enterprises in your scope a rule matches now, the estimated total and a sample of 20', body: PolicyRuleInputSchema, response: { 200: PolicyPreviewSchema } } }, async (req) =>
    policies.previewRule(req.requireActor(), req.body),
  );

  if (!runs) return;
  app.post('/api/v1/policy-match-runs', { schema: { tags, summary: 'Starts a full re-match (a job): the catalogue and the whole registry are read again', response: { 202: PolicyMatchRunSchema } } }, async (req, reply) =>
    reply.code(202).send(await runs.requestRun(req.requireActor(), req.id)),
  );

  app.get('/api/v1/policy-match-runs', { schema: { tags, summary: 'The latest full re-match runs with their progress', response: { 200: PolicyMatchRunListSchema } } }, async (req) =>
    runs.listRuns(req.requireActor()),
  );

  app.get('/api/v1/policy-match-runs/:id', { schema: { tags, summary: 'One full re-match run and its progress', params: RunParamsSchema, response: { 200: PolicyMatchRunSchema } } }, async (req) =>
    runs.getRun(req.requireActor(), req.params.id),
  );
};
