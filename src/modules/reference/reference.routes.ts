import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  classifySize, divisionAncestors, isAboveScale, listDivisions, listIndustries, listJurisdictions, SIZE_GROUP_NAMES, sizeGroupOf,
} from '../../standards/index.ts';
import { scopeContainsDivision, type Scope } from '../../server/actor.ts';
import { pickBilingual } from '../../server/i18n/index.ts';
import { ENTERPRISE_TAGS } from '../enterprises/index.ts';

const GEO_FILE = fileURLToPath(new URL('../../../data/geo/zhengzhou-districts.geojson', import.meta.url));

const DivisionSchema = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), level: z.string() });
const IndustrySchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.string(),
  sizeGroup: z.string().nullable().describe('The industry group of 中小企业划型标准 (sme-size@2011) the code falls in; null when it spans several or none'),
  sizeGroupName: z.string().nullable(),
});

/** Divisions the scope reaches, plus their ancestors (so trees can be drawn). */
function divisionsVisibleTo(scope: Scope) {
  const all = listDivisions({});
  if (scope.kind === 'all') return all;
  if (scope.kind !== 'divisions') return [];
  const keep = new Set<string>();
  for (const d of all) {
    if (scopeContainsDivision(scope, d.code)) {
      keep.add(d.code);
      for (const a of divisionAncestors(d.code)) keep.add(a.code);
    }
  }
  return all.filter((d) => keep.has(d.code));
}

export const ClassifyBodySchema = z.strictObject({
  industryCode: z.string().trim().min(1).max(6).describe('GB/T 4754-2017 code at any level'),
  employees: z.number().finite().min(0).nullable().optional(),
  revenueWan: z.number().finite().min(0).nullable().optional(),
  assetsWan: z.number().finite().min(0).nullable().optional(),
  mainBusinessRevenueWan: z.number().finite().min(0).nullable().optional(),
  legalEntity: z.boolean().optional(),
});

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reference'];
  let geo: string | undefined;

  app.get('/api/v1/reference/divisions', { schema: { tags, summary: 'GB/T 2260 divisions of 郑州 down to streets, within your scope', response: { 200: z.object({ items: z.array(DivisionSchema) }) } } }, async (req) => {
    const actor = req.requireActor();
    return { items: divisionsVisibleTo(actor.scope).map((d) => ({ code: d.code, name: d.name, parentCode: d.parent, level: d.level === 'township' ? 'street' : d.level })) };
  });

  app.get('/api/v1/reference/jurisdictions', { schema: { tags, summary: 'Jurisdictions: districts, counties and functional zones', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), divisionPrefixes: z.array(z.string()) })) }) } } }, async (req) => {
    req.requireActor();
    return { items: listJurisdictions().map((j) => ({ code: j.code, name: j.name, divisionPrefixes: j.divisionPrefixes })) };
  });

  app.get('/api/v1/reference/industries', { schema: { tags, summary: 'GB/T 4754-2017 industry classification, every level', response: { 200: z.object({ items: z.array(IndustrySchema) }) } }, config: { public: true } }, async () => ({
    items: listIndustries({}).map((i) => {
      const group = sizeGroupOf(i.code);
      return { code: i.code, name: i.name, parentCode: i.parent, level: i.level, sizeGroup: group, sizeGroupName: group ? SIZE_GROUP_NAMES[group] : null };
    }),
  }));

  app.get('/api/v1/reference/tags', { schema: { tags, summary: 'Enterprise tags', response: { 200: z.object({ items: z.array(z.object({ value: z.string(), label: z.string() })) }) } }, config: { public: true } }, async () => ({
    items: ENTERPRISE_TAGS.map((t) => ({ value: t, label: t })),
  }));

  app.get('/api/v1/reference/geo/zhengzhou-districts', { schema: { tags, summary: 'GeoJSON of 郑州 districts (see data/SOURCES.md)' }, config: { public: true } }, async (_req, reply) => {
    geo ??= readFileSync(GEO_FILE, 'utf8');
    return reply.type('application/geo+json').header('cache-control', 'public, max-age=86400').send(geo);
  });

  app.post(
    '/api/v1/standards/classify',
    {
      schema: {
        tags: ['standards'],
        summary: '企业规模类型自测: size class (sme-size@2011) and 规上 status (above-scale@2011)',
        body: ClassifyBodySchema,
        response: { 200: z.object({ sizeClass: z.enum(['large', 'medium', 'small', 'micro']).nullable(), aboveScale: z.boolean(), reason: z.string().optional(), version: z.string() }) },
      },
      config: { public: true },
    },
    async (req) => {
      const size = classifySize(req.body);
      const above = isAboveScale({ industryCode: req.body.industryCode, mainBusinessRevenueWan: req.body.mainBusinessRevenueWan ?? req.body.revenueWan ?? null, legalEntity: req.body.legalEntity ?? true });
      const reason = size.sizeClass === null ? pickBilingual(size.message, req.locale) : undefined;
      return { sizeClass: size.sizeClass, aboveScale: above.aboveScale, ...(reason ? { reason } : {}), version: size.version };
    },
  );
};
