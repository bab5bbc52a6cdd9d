import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../server/actor.ts';
import { AppError } from '../../server/errors.ts';
import { translate } from '../../server/i18n/index.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../server/plugins/auth.ts';
import { OPEN_STATES, URGENCIES, type RequestState } from './service.constants.ts';
import type { ServiceDeskService } from './service.service.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the service desk, JSON
 * only: a service is one of our request categories; a service request is one of our requests,
 * its `service_request_id` the request's running number. Reading and writing requests needs a
 * Gaodi session (the cookie, or its token as `api_key`), because requests are scoped like the
 * rest of the API. See docs/service.md for the mapping.
 */
type Authenticator = { authenticate: (token: string) => Promise<{ actor: Actor; csrfToken: string } | null> };

const ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
const AttributeSchema = z.object({
  variable: z.boolean(), code: z.string(), datatype: z.string(), required: z.boolean(), datatype_description: z.string(), order: z.number(), description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
const RequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
const ErrorListSchema = z.array(z.object({ code: z.number(), description: z.string() }));

const PostSchema = z.object({
  service_code: z.string().regex(/^[a-z_]{2,30}$/),
  description: z.string().trim().min(1).max(5000),
  api_key: z.string().max(200).optional(),
  jurisdiction_id: z.string().max(100).optional(),
  'attribute[enterprise_id]': z.uuid().optional().describe('Required unless the caller is an enterprise user'),
  'attribute[urgency]': z.enum(URGENCIES).optional(),
  'attribute[title]': z.string().trim().min(1).max(100).optional(),
  lat: z.coerce.number().optional(),
  long: z.coerce.number().optional(),
  address_string: z.string().max(500).optional(),
  address_id: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  phone: z.string().max(50).optional(),
  media_url: z.string().max(1000).optional(),
});

const ListQuerySchema = z.object({
  api_key: z.string().max(200).optional(),
  jurisdiction_id: z.string().max(100).optional(),
  service_request_id: z.string().regex(/^\d+(,\d+)*$/).optional().describe('Comma-separated ids; other filters are then ignored'),
  service_code: z.string().max(30).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(['open', 'closed']).optional(),
});

const chinaTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const OPEN = new Set<RequestState>(OPEN_STATES);
const CLOSED_STATES = (['resolved', 'rated', 'archived', 'merged'] as const).filter((s) => !OPEN.has(s));

export const open311Routes: FastifyPluginAsyncZod<{ desk: ServiceDeskService; auth: Authenticator }> = async (app, { desk, auth }) => {
  const tags = ['open311'];

  // Open311 clients post application/x-www-form-urlencoded; this parser is scoped to these routes.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  // Errors in the GeoReport shape: [{ code, description }], worded in the caller's language.
  app.setErrorHandler((error, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (error instanceof AppError) return reply.code(error.status).send([{ code: error.status, description: translate(locale, `errors.${error.code}`, error.params) }]);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => `${error.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.')).join(', ');
      return reply.code(400).send([{ code: 400, description: `${translate(locale, 'errors.VALIDATION_FAILED')}: ${fields}` }]);
    }
    req.log.error({ err: error }, 'open311 error');
    return reply.code(500).send([{ code: 500, description: translate(locale, 'errors.INTERNAL', { requestId: req.id }) }]);
  });

  async function actorOf(req: { cookies: Record<string, string | undefined>; headers: Record<string, unknown>; method: string }, apiKey: string | undefined): Promise<Actor> {
    const cookieToken = req.cookies[SESSION_COOKIE];
    const session = await auth.authenticate(apiKey ?? cookieToken ?? '');
    if (!session) throw new AppError('AUTH_REQUIRED', { status: 401 });
    // A session cookie is sent by browsers on their own: writes with it need the CSRF header too.
    if (!apiKey && req.method !== 'GET' && req.headers[CSRF_HEADER] !== session.csrfToken) throw new AppError('AUTH_CSRF_INVALID', { status: 403 });
    return session.actor;
  }

  async function services(locale: 'zh-CN' | 'en-US') {
    return (await desk.publicCategories())
      .filter((c) => c.isActive)
      .map((c) => ({
        service_code: c.code,
        service_name: locale === 'en-US' ? c.nameEn : c.nameZh,
        description: `${c.nameZh} / ${c.nameEn}: 要素保障 (${c.normalDays}/${c.urgentDays}/${c.criticalDays} working days normal/urgent/critical)`,
        metadata: true,
        type: 'realtime' as const,
        keywords: [c.nameZh, c.nameEn].join(', '),
        group: '要素保障',
      }));
  }

  function toOpen311(item: Awaited<ReturnType<ServiceDeskService['findRequestDetails']>>[number]) {
    const open = OPEN.has(item.state);
    return {
      service_request_id: String(item.serial),
      status: open ? ('open' as const) : ('closed' as const),
      status_notes: item.state === 'merged' ? 'merged' : (item.reply ?? item.state),
      service_name: item.categoryName,
      service_code: item.category,
      description: item.description,
      agency_responsible: item.leadDepartmentName,
      service_notice: null,
      requested_datetime: item.createdAt,
      updated_datetime: item.updatedAt,
      expected_datetime: open ? item.dueAt : null,
      address: [item.divisionName, item.enterpriseName].filter(Boolean).join(' '),
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    };
  }

  app.get('/open311/v2/services.json', { schema: { tags, summary: 'GeoReport v2 service list: our request categories', response: { 200: z.array(ServiceSchema) } }, config: { public: true } }, async (req) =>
    services(req.locale),
  );

  app.get(
    '/open311/v2/services/:code.json',
    { schema: { tags, summary: 'GeoReport v2 service definition (the attributes a request takes)', params: z.object({ code: z.string().max(30) }), response: { 200: z.object({ service_code: z.string(), attributes: z.array(AttributeSchema) }), 404: ErrorListSchema } }, config: { public: true } },
    async (req, reply) => {
      if (!(await services(req.locale)).some((s) => s.service_code === req.params.code)) return reply.code(404).send([{ code: 404, description: translate(req.locale, 'errors.SERVICE_CATEGORY_NOT_FOUND') }]);
      return {
        service_code: req.params.code,
        attributes: [
          { variable: true, code: 'enterprise_id', datatype: 'string', required: false, datatype_description: 'UUID of an enterprise in your scope', order: 1, description: '企业 (required for officers; enterprise users raise requests for their own enterprise)' },
          { variable: true, code: 'urgency', datatype: 'singlevaluelist', required: false, datatype_description: 'normal, urgent or critical', order: 2, description: '紧急程度', values: URGENCIES.map((u) => ({ key: u, name: u })) },
          { variable: true, code: 'title', datatype: 'string', required: false, datatype_description: 'At most 100 characters; defaults to the start of the description', order: 3, description: '标题' },
        ],
      };
    },
  );

  app.get('/open311/v2/requests.json', { schema: { tags, summary: 'GeoReport v2 request list (your scope; the last 90 days by default, at most 1000)', querystring: ListQuerySchema, response: { 200: z.array(RequestSchema), 401: ErrorListSchema } }, config: { public: true } }, async (req) => {
    const actor = await actorOf(req, req.query.api_key);
    const q = req.query;
    const serials = q.service_request_id?.split(',').map(Number);
    const end = q.end_date ? new Date(q.end_date) : undefined;
    const start = q.start_date ? new Date(q.start_date) : new Date((end ?? new Date()).getTime() - 90 * 86_400_000);
    const filter = serials
      ? { serials }
      : { category: q.service_code, createdFrom: start, createdBefore: end, states: q.status === 'open' ? [...OPEN_STATES] : q.status === 'closed' ? [...CLOSED_STATES] : undefined };
    return (await desk.findRequestDetails(actor, filter, 1000, req.locale)).map(toOpen311);
  });

  app.get(
    '/open311/v2/requests/:id.json',
    { schema: { tags, summary: 'GeoReport v2 one request (as a one-element array)', params: z.object({ id: z.string().regex(/^\d{1,15}$/) }), querystring: z.object({ api_key: z.string().max(200).optional(), jurisdiction_id: z.string().optional() }), response: { 200: z.array(RequestSchema), 404: ErrorListSchema } }, config: { public: true } },
    async (req) => {
      const actor = await actorOf(req, req.query.api_key);
      const found = await desk.findRequestDetails(actor, { serials: [Number(req.params.id)] }, 1, req.locale);
      if (found.length === 0) throw new AppError('SERVICE_REQUEST_NOT_FOUND', { status: 404 });
      return found.map(toOpen311);
    },
  );

  app.post(
    '/open311/v2/requests.json',
    { schema: { tags, summary: 'GeoReport v2 create a request (form-encoded or JSON)', body: PostSchema, response: { 201: z.array(z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable() })) } }, config: { public: true } },
    async (req, reply) => {
      const actor = await actorOf(req, req.body.api_key);
      const b = req.body;
      const created = await desk.createRequest(
        actor,
        { enterpriseId: b['attribute[enterprise_id]'], category: b.service_code, urgency: b['attribute[urgency]'] ?? 'normal', title: b['attribute[title]'] ?? b.description.slice(0, 40), description: b.description, fileIds: [] },
        { requestId: req.id, locale: req.locale, source: 'open311' },
      );
      return reply.code(201).send([{ service_request_id: String(created.serial), service_notice: translate(req.locale, 'service.OPEN311_NOTICE', { dueAt: chinaTime(created.dueAt) }), account_id: b.account_id ?? null }]);
    },
  );
};
