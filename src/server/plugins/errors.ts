import fp from 'fastify-plugin';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { zhCN as zodZhCN, en as zodEn } from 'zod/locales';
import { AppError } from '../errors.ts';
import { describeProblem, pickLocale, translate, type Locale } from '../i18n/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
  }
}

const zodMessages = { 'zh-CN': zodZhCN().localeError, 'en-US': zodEn().localeError };

type ValidationIssue = { path: string; message: string };

/** Zod issues re-worded in the caller's language. */
function localiseIssues(locale: Locale, validation: unknown[], context: string | undefined): ValidationIssue[] {
  return validation.map((raw) => {
    // fastify-type-provider-zod keeps the zod issue's code in `keyword` and its other fields in `params`.
    const v = raw as { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> };
    // Body fields are named plainly (as service-level field problems are); other parts keep their prefix.
    const path = [context === 'body' ? undefined : context, (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.');
    let message = v.message ?? '';
    if (v.keyword) {
      const localised = zodMessages[locale]({ ...(v.params ?? {}), code: v.keyword, path: [] } as never);
      if (typeof localised === 'string') message = localised;
      else if (localised?.message) message = localised.message;
    }
    return { path, message };
  });
}

type Problem = { path?: string; row?: number; column?: string; code: string; params?: Record<string, string | number>; message?: string };

/** Fills in `message` for field problems (`details.issues`) and row problems (`details.rows`). */
function localiseDetails(locale: Locale, details: unknown): unknown {
  if (!details || typeof details !== 'object') return details;
  const d = details as { issues?: Problem[]; rows?: Problem[] };
  const word = (list: Problem[] | undefined) => list?.map(({ params: _params, ...p }) => ({ ...p, message: p.message ?? describeProblem(locale, { code: p.code, params: _params }) }));
  return { ...d, ...(d.issues ? { issues: word(d.issues) } : {}), ...(d.rows ? { rows: word(d.rows) } : {}) };
}

/** Maps every error to `{ error: { code, message, details? } }` with the message in the caller's language. */
const errorsPlugin: FastifyPluginAsync = async (app) => {
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.cookies?.gaodi_lang, req.headers['accept-language']);
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (error instanceof AppError) {
      const params = { ...error.params };
      if (typeof params.reason === 'string') params.reason = translate(locale, `creditCode.${params.reason}`);
      const details = localiseDetails(locale, error.details);
      return reply.code(error.status).send({
        error: { code: error.code, message: translate(locale, `errors.${error.code}`, params), ...(details === undefined ? {} : { details }) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = localiseIssues(locale, error.validation, error.validationContext);
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: translate(locale, 'errors.VALIDATION_FAILED'), details: { issues } } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      return reply.code(400).send({ error: { code: 'MALFORMED_JSON', message: translate(locale, 'errors.MALFORMED_JSON') } });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      const limitMb = Math.round((req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0) / 1048576) || 1;
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: translate(locale, 'errors.PAYLOAD_TOO_LARGE', { limitMb }) } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: translate(locale, 'errors.UNSUPPORTED_MEDIA_TYPE') } });
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    } else if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: { code: 'VALIDATION_FAILED', message: translate(locale, 'errors.VALIDATION_FAILED'), details: { issues: [{ path: '', message: error.message }] } } });
    } else {
      req.log.error({ err: error }, 'unhandled error');
    }
    return reply.code(500).send({ error: { code: 'INTERNAL', message: translate(locale, 'errors.INTERNAL', { requestId: req.id }) } });
  });
};

export const errorsPluginFp = fp(errorsPlugin, { name: 'gaodi-errors' });
