import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { getJurisdiction } from '../../standards/index.ts';
import type { LiaisonsService } from './liaisons.service.ts';
import {
  CategoryCreateSchema, CategoryListSchema, CategoryParamsSchema, CategorySchema, CategoryUpdateSchema, DepartmentCreateSchema, DepartmentListSchema, DepartmentMemberBodySchema,
  DepartmentSchema, IdParamsSchema, ReminderListSchema, ReminderQuerySchema, LiaisonCreateSchema, LiaisonEndSchema, LiaisonListQuerySchema, LiaisonPageSchema, LiaisonSchema, OfficerLoadSchema, RequestCreateSchema,
  RequestDetailSchema, RequestExportQuerySchema, RequestListQuerySchema, RequestPageSchema, StatsQuerySchema, StatsSchema, TransitionBodySchema, VisitCreateSchema,
  VisitListQuerySchema, VisitPageSchema, VisitPlanBodySchema, VisitPlanListSchema, VisitPlanQuerySchema, VisitPlanSchema, VisitSchema,
} from './service.schemas.ts';
import type { ServiceDeskService } from './service.service.ts';
import type { ServiceStats } from './service-stats.ts';
import { buildRequestWorkbook, buildStatsWorkbook } from './service-export.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The service desk's HTTP surface: requests and their transitions, departments, categories, liaisons, visits, statistics. */
export const serviceRoutes: FastifyPluginAsyncZod<{ desk: ServiceDeskService; liaisons: LiaisonsService; stats: ServiceStats }> = async (app, { desk, liaisons, stats }) => {
  const tags = ['service'];

  app.get('/api/v1/service-requests', { schema: { tags, summary: 'List requests (诉求) in your scope', querystring: RequestListQuerySchema, response: { 200: RequestPageSchema } } }, async (req) =>
    desk.findRequests(req.requireActor(), req.query, req.locale),
  );

  app.get('/api/v1/service-requests/export.xlsx', { schema: { tags, summary: 'Export the filtered request list (same filters as the list) to .xlsx', querystring: RequestExportQuerySchema } }, async (req, reply) => {
    const buffer = await buildRequestWorkbook(desk.iterateRequests(req.requireActor(), req.query, req.locale), req.locale);
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    return reply.type(XLSX).header('content-disposition', attachment(`企业诉求-${stamp}.xlsx`)).send(buffer);
  });

  app.post('/api/v1/service-requests', { schema: { tags, summary: 'Raise a request (an enterprise for itself, an officer on its behalf)', body: RequestCreateSchema, response: { 201: RequestDetailSchema } } }, async (req, reply) => {
    const created = await desk.createRequest(req.requireActor(), req.body, { requestId: req.id, locale: req.locale });
    return reply.code(201).send(created);
  });

  app.get('/api/v1/service-requests/import-template.xlsx', { schema: { tags, summary: 'The blank sheet for importing requests: required columns starred, drop-downs, an example row' } }, async (req, reply) =>
    reply.type(XLSX).header('content-disposition', attachment('企业诉求导入模板.xlsx')).send(await desk.requestTemplate(req.requireActor())),
  );

  app.post(
    '/api/v1/service-requests/imports',
    {
      schema: {
        tags,
        summary: 'Raise requests in bulk from an .xlsx (multipart field "file"; officers); all rows or none, each bad row reported in details.rows',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ imported: z.number().int(), serials: z.array(z.number().int()) }) },
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      if (!req.isMultipart()) throw new AppError('SERVICE_IMPORT_FILE_MISSING', { status: 400 });
      const file = await req.file();
      if (!file) throw new AppError('SERVICE_IMPORT_FILE_MISSING', { status: 400 });
      return reply.code(201).send(await desk.importRequests(actor, await file.toBuffer(), { requestId: req.id }));
    },
  );

  app.get('/api/v1/service-requests/:id', { schema: { tags, summary: 'One request with its timeline and the actions you may take', params: IdParamsSchema, response: { 200: RequestDetailSchema } } }, async (req) =>
    desk.getRequest(req.requireActor(), req.params.id, req.locale),
  );

  app.post(
    '/api/v1/service-requests/:id/transitions',
    { schema: { tags, summary: 'Take an action: accept, dispatch, start, return, resolve, await_enterprise, resume, rate, archive, merge, resubmit', params: IdParamsSchema, body: TransitionBodySchema, response: { 200: RequestDetailSchema } } },
    async (req) => desk.transition(req.requireActor(), req.params.id, req.body, { requestId: req.id, locale: req.locale }),
  );

  app.get('/api/v1/service-reminders', { schema: { tags, summary: '督办 reminders on requests you may see (due soon, overdue), newest first', querystring: ReminderQuerySchema, response: { 200: ReminderListSchema } } }, async (req) =>
    desk.findReminders(req.requireActor(), req.query.days),
  );

  app.get('/api/v1/service-categories', { schema: { tags, summary: 'The 要素保障 categories with their time limits (working days per urgency)', response: { 200: CategoryListSchema } } }, async (req) =>
    desk.listCategories(req.requireActor()),
  );
  app.post('/api/v1/service-categories', { schema: { tags, summary: 'Add a category (admins)', body: CategoryCreateSchema, response: { 201: CategorySchema } } }, async (req, reply) =>
    reply.code(201).send(await desk.createCategory(req.requireActor(), req.body, req.id)),
  );
  app.patch('/api/v1/service-categories/:code', { schema: { tags, summary: 'Change a category or its time limits (admins)', params: CategoryParamsSchema, body: CategoryUpdateSchema, response: { 200: CategorySchema } } }, async (req) =>
    desk.updateCategory(req.requireActor(), req.params.code, req.body, req.id),
  );

  app.get('/api/v1/service-departments', { schema: { tags, summary: 'The handling departments (承办单位)', response: { 200: DepartmentListSchema } } }, async (req) => desk.listDepartments(req.requireActor()));
  app.post('/api/v1/service-departments', { schema: { tags, summary: 'Add a handling department (admins)', body: DepartmentCreateSchema, response: { 201: DepartmentSchema } } }, async (req, reply) =>
    reply.code(201).send(await desk.createDepartment(req.requireActor(), req.body, req.id)),
  );
  app.post(
    '/api/v1/service-departments/:id/members',
    { schema: { tags, summary: 'Link a department user to the department', params: IdParamsSchema, body: DepartmentMemberBodySchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await desk.addDepartmentMember(req.requireActor(), req.params.id, req.body.userId, req.id);
      return reply.code(204).send(null);
    },
  );

  app.get('/api/v1/liaisons', { schema: { tags, summary: 'Liaison officers (包联) and their enterprises in your scope', querystring: LiaisonListQuerySchema, response: { 200: LiaisonPageSchema } } }, async (req) =>
    liaisons.findLiaisons(req.requireActor(), req.query),
  );
  app.post('/api/v1/liaisons', { schema: { tags, summary: 'Assign an officer to an enterprise', body: LiaisonCreateSchema, response: { 201: LiaisonSchema } } }, async (req, reply) =>
    reply.code(201).send(await liaisons.assignLiaison(req.requireActor(), req.body, req.id)),
  );
  app.patch('/api/v1/liaisons/:id', { schema: { tags, summary: 'End an assignment', params: IdParamsSchema, body: LiaisonEndSchema, response: { 200: LiaisonSchema } } }, async (req) =>
    liaisons.endLiaison(req.requireActor(), req.params.id, req.body.until, req.id),
  );
  app.post(
    '/api/v1/liaisons/imports',
    { schema: { tags, summary: 'Assign liaison officers in bulk from an .xlsx (multipart field "file"); all rows or none', consumes: ['multipart/form-data'], response: { 201: z.object({ imported: z.number() }) } } },
    async (req, reply) => {
      const actor = req.requireActor();
      if (!req.isMultipart()) throw new AppError('SERVICE_IMPORT_FILE_MISSING', { status: 400 });
      const file = await req.file();
      if (!file) throw new AppError('SERVICE_IMPORT_FILE_MISSING', { status: 400 });
      const buffer = await file.toBuffer();
      return reply.code(201).send(await liaisons.importLiaisons(actor, buffer, req.id));
    },
  );

  app.get('/api/v1/liaisons/load', { schema: { tags, summary: 'Each officer’s load: enterprises, open requests, visits this quarter', response: { 200: OfficerLoadSchema } } }, async (req) =>
    liaisons.officerLoad(req.requireActor()),
  );

  app.get('/api/v1/visit-plans', { schema: { tags, summary: 'Visit plans (走访计划) of a quarter with their completion', querystring: VisitPlanQuerySchema, response: { 200: VisitPlanListSchema } } }, async (req) =>
    liaisons.findVisitPlans(req.requireActor(), req.query.quarter),
  );
  app.put('/api/v1/visit-plans', { schema: { tags, summary: 'Set how many visits an officer plans in a quarter', body: VisitPlanBodySchema, response: { 200: VisitPlanSchema } } }, async (req) =>
    liaisons.setVisitPlan(req.requireActor(), req.body, req.id),
  );

  app.get('/api/v1/visits', { schema: { tags, summary: 'Visits (走访) in your scope', querystring: VisitListQuerySchema, response: { 200: VisitPageSchema } } }, async (req) => liaisons.findVisits(req.requireActor(), req.query));
  app.post('/api/v1/visits', { schema: { tags, summary: 'Record a visit; each problem raised becomes a request', body: VisitCreateSchema, response: { 201: VisitSchema } } }, async (req, reply) =>
    reply.code(201).send(await liaisons.recordVisit(req.requireActor(), req.body, req.id)),
  );

  app.get('/api/v1/service-stats/export.xlsx', { schema: { tags, summary: 'The leaders’ figures (same filters) as an .xlsx: summary, each breakdown, the monthly trend, the oldest open requests', querystring: StatsQuerySchema } }, async (req, reply) => {
    const query = req.query;
    const actor = req.requireActor();
    const figures = await stats.summarize(actor, query, req.locale);
    const districtName = query.district ? (getJurisdiction(query.district)?.name ?? query.district) : actor.jurisdictionName;
    const buffer = await buildStatsWorkbook(figures, { districtName, from: query.from, to: query.to }, req.locale);
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    return reply.type(XLSX).header('content-disposition', attachment(`诉求统计-${stamp}.xlsx`)).send(buffer);
  });

  app.get('/api/v1/service-stats', { schema: { tags, summary: 'Leaders’ figures: by state, category, district, department; on-time and satisfaction rates; trend', querystring: StatsQuerySchema, response: { 200: StatsSchema } } }, async (req) =>
    stats.summarize(req.requireActor(), req.query, req.locale),
  );
};
