import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DeliveryService } from './delivery.service.ts';
import {
  ApplicationCreateSchema, ApplicationDetailSchema, ApplicationFormSchema, ApplicationListQuerySchema, ApplicationPageSchema, DeliveryStatsQuerySchema, DeliveryStatsSchema,
  ExemptConfirmResultSchema, ExemptConfirmSchema, ExemptListQuerySchema, ExemptListSchema, FundingSchema, GrantListQuerySchema, GrantPageSchema, InboxPageSchema, InboxQuerySchema,
  ItemIdParamsSchema, PayoutBodySchema, ResubmitBodySchema, ReviewBodySchema, UnreadCountSchema, UuidParamsSchema,
} from './delivery.schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** 政策直达 over HTTP: what has been paid against budgets, applications and reviews, 免申即享 grants, the inbox, the leaders' figures. */
export const deliveryRoutes: FastifyPluginAsyncZod<{ delivery: DeliveryService }> = async (app, { delivery }) => {
  const tags = ['policy delivery'];

  app.get('/api/v1/policy-items/:id/budget', { schema: { tags, summary: 'An item’s budget and application window (those of its version in force: change them by publishing a new version) and what has been paid', params: ItemIdParamsSchema, response: { 200: FundingSchema } } }, async (req) =>
    delivery.getFunding(req.requireActor(), req.params.id),
  );

  app.get('/api/v1/policy-items/:id/application-form', { schema: { tags, summary: 'The application form of an item for your enterprise, pre-filled from the registry and the match explanation', params: ItemIdParamsSchema, response: { 200: ApplicationFormSchema } } }, async (req) =>
    delivery.getApplicationForm(req.requireActor(), req.params.id),
  );
  app.post('/api/v1/policy-applications', { schema: { tags, summary: 'Apply for an item (enterprise users; inside the application window, once per item)', body: ApplicationCreateSchema, response: { 201: ApplicationDetailSchema } } }, async (req, reply) =>
    reply.code(201).send(await delivery.createApplication(req.requireActor(), req.body, req.id)),
  );
  app.get('/api/v1/policy-applications', { schema: { tags, summary: 'Applications in your scope (an enterprise: its own), newest first', querystring: ApplicationListQuerySchema, response: { 200: ApplicationPageSchema } } }, async (req) =>
    delivery.findApplications(req.requireActor(), req.query),
  );
  app.get('/api/v1/policy-applications/:id', { schema: { tags, summary: 'One application: the pre-filled form, attachments, timeline, and what you may do now', params: UuidParamsSchema, response: { 200: ApplicationDetailSchema } } }, async (req) =>
    delivery.getApplication(req.requireActor(), req.params.id),
  );
  app.post('/api/v1/policy-applications/:id/reviews', { schema: { tags, summary: 'Review: the district of the firm approves or returns a submitted application; the city approves or returns a district-approved one', params: UuidParamsSchema, body: ReviewBodySchema, response: { 200: ApplicationDetailSchema } } }, async (req) =>
    delivery.reviewApplication(req.requireActor(), req.params.id, req.body, req.id),
  );
  app.post('/api/v1/policy-applications/:id/resubmissions', { schema: { tags, summary: 'Send a returned application again (the enterprise, inside the window)', params: UuidParamsSchema, body: ResubmitBodySchema, response: { 200: ApplicationDetailSchema } } }, async (req) =>
    delivery.resubmitApplication(req.requireActor(), req.params.id, req.body, req.id),
  );
  app.post('/api/v1/policy-applications/:id/payouts', { schema: { tags, summary: 'Record the payout of an approved application against the item’s budget (the city); refused when it does not fit', params: UuidParamsSchema, body: PayoutBodySchema, response: { 200: ApplicationDetailSchema } } }, async (req) =>
    delivery.payApplication(req.requireActor(), req.params.id, req.body, req.id),
  );

  app.get('/api/v1/policy-items/:id/exempt-list', { schema: { tags, summary: '免申即享: one page of the firms in your jurisdiction the rule qualifies (pending, left out or granted), filtered by division and name, with the totals of the whole list and the selection a confirmation grants', params: ItemIdParamsSchema, querystring: ExemptListQuerySchema, response: { 200: ExemptListSchema } } }, async (req) =>
    delivery.getExemptList(req.requireActor(), req.params.id, req.query),
  );
  app.post('/api/v1/policy-items/:id/grants', { schema: { tags, summary: '免申即享: confirm what the filter selects minus the firms left out (with reasons); refused when the list changed since it was read (count and checksum); grants paid against the budget, all or none', params: ItemIdParamsSchema, body: ExemptConfirmSchema, response: { 201: ExemptConfirmResultSchema } } }, async (req, reply) =>
    reply.code(201).send(await delivery.confirmExemptList(req.requireActor(), req.params.id, req.body, req.id)),
  );
  app.get('/api/v1/policy-grants', { schema: { tags, summary: 'Grants paid in your scope (from applications and 免申即享 lists), newest first', querystring: GrantListQuerySchema, response: { 200: GrantPageSchema } } }, async (req) =>
    delivery.findGrants(req.requireActor(), req.query),
  );

  app.get('/api/v1/me/inbox', { schema: { tags, summary: '您可能符合以下政策: your notices (enterprise users; officers for the firms they look after), newest first', querystring: InboxQuerySchema, response: { 200: InboxPageSchema } } }, async (req) =>
    delivery.findInbox(req.requireActor(), req.query),
  );
  app.get('/api/v1/me/inbox/unread-count', { schema: { tags, summary: 'How many notices you have not read', response: { 200: UnreadCountSchema } } }, async (req) =>
    delivery.countUnread(req.requireActor()),
  );
  app.post('/api/v1/me/inbox/:id/read', { schema: { tags, summary: 'Mark a notice read', params: UuidParamsSchema, response: { 200: UnreadCountSchema } } }, async (req) =>
    delivery.markNoticeRead(req.requireActor(), req.params.id),
  );
  app.post('/api/v1/me/inbox/read-all', { schema: { tags, summary: 'Mark every notice read', response: { 200: UnreadCountSchema } } }, async (req) =>
    delivery.markAllRead(req.requireActor()),
  );

  app.get('/api/v1/policy-delivery-stats', { schema: { tags, summary: 'Per item and per district: matched, notified, applied, approved, paid, budget used; match precision and misses (in your scope)', querystring: DeliveryStatsQuerySchema, response: { 200: DeliveryStatsSchema } } }, async (req) =>
    delivery.getStats(req.requireActor(), req.query),
  );
  app.get('/api/v1/policy-delivery-stats.xlsx', { schema: { tags, summary: 'The same figures as .xlsx', querystring: DeliveryStatsQuerySchema } }, async (req, reply) => {
    const buffer = await delivery.exportStats(req.requireActor(), req.query, req.locale);
    return reply.type(XLSX).header('content-disposition', attachment(`${req.locale === 'en-US' ? 'policy-delivery' : '政策直达统计'}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}.xlsx`)).send(buffer);
  });
};
