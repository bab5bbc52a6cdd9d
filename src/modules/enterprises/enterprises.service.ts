import { getDivision, getIndustry, getJurisdiction, normalizeIndustryCode } from '../../standards/index.ts';
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan, can } from '../../server/permissions.ts';
import type { AuditService } from '../audit/index.ts';
import { checkCodedFields, deriveFields, maskName, maskPhone } from './enterprise-fields.ts';
import { INDICATOR_FIELDS } from './enterprises.constants.ts';
import {
  countEnterprises, findEnterpriseById, findEnterprisePage, findFirstEnterpriseInDivision, findIndicators, insertEnterprise,
  insertEnterprisesBulk, insertIndicatorsBulk, findMatchingRowsByIds, iterateMatchingRows, summarizeEnterprises, updateEnterprise, upsertIndicators, type EnterpriseFilter, type EnterpriseInsert, type EnterpriseMatchingRow, type EnterpriseRow, type IndicatorRow,
} from './enterprises.repository.ts';
import type { EnterpriseCreate, EnterpriseListQuery, EnterpriseUpdate, IndicatorsInput } from './enterprises.schemas.ts';
import { oneTypoVariants, planSearch } from './search-tokens.ts';


/** Fields an enterprise user may not change on its own record (identity, location, certifications). */
const FIELDS_LOCKED_FOR_ENTERPRISE = ['creditCode', 'name', 'divisionCode', 'industryCode', 'tags'] as const;

const AUDITED_FIELDS = [
  'creditCode', 'name', 'divisionCode', 'industryCode', 'parkName', 'address', 'legalRepresentative', 'contactName', 'contactPhone',
  'foundedOn', 'legalEntity', ...INDICATOR_FIELDS, 'tags', 'sizeClass', 'aboveScale',
] as const;

export type EnterpriseListItem = ReturnType<typeof toListItem>;

function toListItem(row: EnterpriseRow) {
  return {
    id: row.id,
    creditCode: row.creditCode,
    name: row.name,
    divisionCode: row.divisionCode,
    divisionName: getDivision(row.divisionCode)?.name ?? null,
    industryCode: row.industryCode,
    industryName: getIndustry(row.industryCode)?.name ?? null,
    employees: row.employees,
    revenueWan: row.revenueWan,
    assetsWan: row.assetsWan,
    sizeClass: row.sizeClass,
    aboveScale: row.aboveScale,
    tags: row.tags,
    foundedOn: row.foundedOn,
    isDemo: row.isDemo,
  };
}

/** The detail an actor may see: contacts masked unless the role may read personal data. */
export function toEnterprise(row: EnterpriseRow, actor: Actor, indicators: IndicatorRow[]) {
  const seesContacts = can(actor, 'enterprises.contacts.read');
  return {
    ...toListItem(row),
    address: row.address,
    parkName: row.parkName,
    legalRepresentative: row.legalRepresentative,
    contactName: seesContacts ? row.contactName : maskName(row.contactName),
    contactPhone: seesContacts ? row.contactPhone : maskPhone(row.contactPhone),
    legalEntity: row.legalEntity,
    mainBusinessRevenueWan: row.mainBusinessRevenueWan,
    rdExpenseWan: row.rdExpenseWan,
    taxWan: row.taxWan,
    landMu: row.landMu,
    energyTce: row.energyTce,
    patents: row.patents,
    exportWan: row.exportWan,
    sizeClassReason: row.sizeClass ? null : deriveFields(row).sizeClassReason,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    indicators: indicators.map(({ enterpriseId: _e, ...rest }) => rest),
  };
}

/** Turns list query parameters into repository filters (jurisdiction codes expand to their division subtrees). */
export function toFilter(query: Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort'>): EnterpriseFilter {
  const filter: EnterpriseFilter = {
    sizeClasses: query.sizeClass,
    aboveScale: query.aboveScale,
    tags: query.tags,
    foundedFrom: query.foundedFrom,
    foundedTo: query.foundedTo,
  };
  if (query.division) {
    const jurisdiction = getJurisdiction(query.division);
    filter.division = jurisdiction
      ? { prefixes: jurisdiction.divisionPrefixes, excludedPrefixes: jurisdiction.excludedPrefixes }
      : { prefixes: [query.division] };
  }
  if (query.industry) filter.industryPrefix = normalizeIndustryCode(query.industry) ?? query.industry.toUpperCase();
  if (query.q) filter.search = planSearch(query.q);
  return filter;
}

function problemsToError(problems: { field: string; code: string; params?: Record<string, string | number> }[]): AppError {
  return new AppError('VALIDATION_FAILED', { status: 400, details: { issues: problems.map((p) => ({ path: p.field, code: p.code, params: p.params })) } });
}

function pick<T extends object, K extends readonly (keyof T)[]>(obj: T, keys: K): Pick<T, K[number]> {
  const out = {} as Pick<T, K[number]>;
  for (const k of keys) out[k] = obj[k];
  return out;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What matching (政策找企业) reads of an enterprise: identity, location, industry, latest figures, derived classes, tags. */
export function toMatchingRecord(row: EnterpriseMatchingRow) {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    divisionCode: row.divisionCode,
    industryCode: row.industryCode,
    foundedOn: row.foundedOn,
    legalEntity: row.legalEntity,
    ...pick(row, INDICATOR_FIELDS),
    sizeClass: row.sizeClass,
    aboveScale: row.aboveScale,
    tags: row.tags,
  };
}
export type EnterpriseMatchingRecord = ReturnType<typeof toMatchingRecord>;

/** A committed change of enterprises: their ids, and their new records when the writer had them at hand. */
export type EnterpriseChange = { ids: string[]; records?: EnterpriseMatchingRecord[] };

export type EnterprisesService = ReturnType<typeof createEnterprisesService>;

export function createEnterprisesService(deps: { db: Db; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  const reportYear = () => clock.now().getFullYear() - 1;
  const changeListeners = new Set<(change: EnterpriseChange) => void>();
  /** Tells the listeners about a committed change; a failing listener never fails the write. */
  const emitChange = (change: EnterpriseChange): void => {
    for (const listener of changeListeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('enterprise change listener failed', error);
      }
    }
  };
  const committed = <T extends { id: string }>(result: T, row: EnterpriseRow): T => {
    emitChange({ ids: [row.id], records: [toMatchingRecord(row)] });
    return result;
  };

  async function getRow(actor: Actor, id: string): Promise<EnterpriseRow> {
    const row = UUID.test(id) ? await findEnterpriseById(db, actor.scope, id) : undefined;
    if (!row) throw new AppError('ENTERPRISE_NOT_FOUND', { status: 404 });
    return row;
  }

  return {
    /** One page of the scoped, filtered registry; a name query with no hit retries tolerating one wrong character. */
    async findEnterprises(actor: Actor, query: EnterpriseListQuery) {
      assertCan(actor, 'enterprises.read');
      const { page, pageSize, sort, ...rest } = query;
      const filter = toFilter(rest);
      // A name query is about its best hits: its count stops earlier than a filter's.
      const options = { sort, offset: (page - 1) * pageSize, limit: pageSize, ...(filter.search ? { exactCountLimit: 1000 } : {}) };
      let result = await findEnterprisePage(db, actor.scope, filter, options);
      if (result.total === 0 && filter.search?.kind === 'substring' && query.q) {
        const fuzzy = oneTypoVariants(query.q);
        if (fuzzy.length) result = await findEnterprisePage(db, actor.scope, { ...filter, search: undefined, fuzzy }, { ...options, exactCountLimit: 1000 });
      }
      return { items: result.rows.map(toListItem), total: result.total, totalIsEstimate: result.totalIsEstimate, page, pageSize };
    },

    async getEnterprise(actor: Actor, id: string) {
      assertCan(actor, 'enterprises.read');
      const row = await getRow(actor, id);
      return toEnterprise(row, actor, await findIndicators(db, id));
    },

    async createEnterprise(actor: Actor, input: EnterpriseCreate, requestId?: string) {
      assertCan(actor, 'enterprises.create');
      const { values: coded, problems } = checkCodedFields(input, actor.scope);
      if (problems.length) throw problemsToError(problems);
      const base: EnterpriseInsert = {
        ...input,
        creditCode: coded.creditCode ?? input.creditCode,
        divisionCode: coded.divisionCode ?? input.divisionCode,
        industryCode: coded.industryCode ?? input.industryCode,
        tags: coded.tags ?? [],
      };
      const { sizeClassReason: _r, ...derived } = deriveFields(base);
      const { row, result } = await db.transaction(async (tx) => {
        const row = await insertEnterprise(tx, { ...base, ...derived });
        await upsertIndicators(tx, { enterpriseId: row.id, year: reportYear(), ...pick(row, INDICATOR_FIELDS) });
        await audit.record(tx, actor, { action: 'create', entityType: 'enterprise', entityId: row.id, divisionCode: row.divisionCode, after: pick(row, AUDITED_FIELDS) }, requestId);
        return { row, result: toEnterprise(row, actor, await findIndicators(tx, row.id)) };
      });
      return committed(result, row);
    },

    async updateEnterprise(actor: Actor, id: string, patch: EnterpriseUpdate, requestId?: string) {
      assertCan(actor, 'enterprises.update');
      const current = await getRow(actor, id);
      const { version, ...changes } = patch;
      if (actor.role === 'enterprise') {
        const locked = FIELDS_LOCKED_FOR_ENTERPRISE.find((f) => changes[f] !== undefined && JSON.stringify(changes[f]) !== JSON.stringify(current[f]));
        if (locked) throw new AppError('ENTERPRISE_FIELD_FORBIDDEN', { status: 403, params: { field: locked } });
      }
      const { values: coded, problems } = checkCodedFields(
        { creditCode: changes.creditCode, divisionCode: changes.divisionCode, industryCode: changes.industryCode, tags: changes.tags },
        actor.scope,
      );
      if (problems.length) throw problemsToError(problems);
      const next = { ...current, ...changes, ...Object.fromEntries(Object.entries(coded).filter(([, v]) => v !== undefined)) } as EnterpriseRow;
      const { sizeClassReason: _r, ...derived } = deriveFields(next);
      const values: Partial<EnterpriseInsert> = { ...changes, ...Object.fromEntries(Object.entries(coded).filter(([, v]) => v !== undefined)), ...derived };
      const { row: saved, result } = await db.transaction(async (tx) => {
        const row = await updateEnterprise(tx, id, version ?? current.version, values);
        if (!row) throw new AppError('ENTERPRISE_VERSION_CONFLICT', { status: 409 });
        if (INDICATOR_FIELDS.some((f) => changes[f] !== undefined)) {
          await upsertIndicators(tx, { enterpriseId: id, year: reportYear(), ...pick(row, INDICATOR_FIELDS) });
        }
        const { before, after } = diff(pick(current, AUDITED_FIELDS), pick(row, AUDITED_FIELDS));
        if (Object.keys(after).length) {
          await audit.record(tx, actor, { action: 'update', entityType: 'enterprise', entityId: id, divisionCode: row.divisionCode, before, after }, requestId);
        }
        return { row, result: toEnterprise(row, actor, await findIndicators(tx, id)) };
      });
      return committed(result, saved);
    },

    /**
     * Sets one year's figures. When it is the newest year on record, the enterprise's latest
     * figures follow, and with them its size class and 规上 status.
     */
    async setIndicators(actor: Actor, id: string, year: number, figures: IndicatorsInput, requestId?: string) {
      assertCan(actor, 'enterprises.update');
      const current = await getRow(actor, id);
      const existing = await findIndicators(db, id);
      const before = existing.find((i) => i.year === year);
      const isNewest = existing.every((i) => i.year <= year);
      const { row: saved, result } = await db.transaction(async (tx) => {
        await upsertIndicators(tx, { enterpriseId: id, year, ...figures });
        let row = current;
        if (isNewest) {
          const next = { ...current, ...figures };
          const { sizeClassReason: _r, ...derived } = deriveFields(next);
          const updated = await updateEnterprise(tx, id, current.version, { ...figures, ...derived });
          if (!updated) throw new AppError('ENTERPRISE_VERSION_CONFLICT', { status: 409 });
          row = updated;
        }
        const beforeFigures: Record<string, unknown> = {};
        for (const f of INDICATOR_FIELDS) beforeFigures[f] = before?.[f] ?? null;
        await audit.record(tx, actor, { action: 'set-indicators', entityType: 'enterprise', entityId: id, divisionCode: current.divisionCode, before: { year, ...beforeFigures }, after: { year, ...figures } }, requestId);
        return { row, result: toEnterprise(row, actor, await findIndicators(tx, id)) };
      });
      return committed(result, saved);
    },

    /** The change history of an enterprise the actor can see. */
    async getHistory(actor: Actor, id: string) {
      assertCan(actor, 'enterprises.read');
      await getRow(actor, id);
      const rows = await audit.historyOf('enterprise', id);
      const seesContacts = can(actor, 'enterprises.contacts.read');
      return {
        items: rows.map((r) => {
          const before = (r.before ?? {}) as Record<string, unknown>;
          const after = (r.after ?? {}) as Record<string, unknown>;
          const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
          return {
            id: r.id,
            at: r.at.toISOString(),
            actorName: r.actorName,
            action: r.action,
            changes: fields.map((field) => {
              const hidden = !seesContacts && (field === 'contactName' || field === 'contactPhone');
              return { field, before: hidden ? '***' : (before[field] ?? null), after: hidden ? '***' : (after[field] ?? null) };
            }),
          };
        }),
      };
    },

    countAll: () => countEnterprises(db),

    /**
     * Calls `listener` after each committed create, update, change of figures or seed, with the
     * changed ids (and their records when at hand). Returns a function that removes the listener.
     */
    onEnterpriseChanged(listener: (change: EnterpriseChange) => void): () => void {
      changeListeners.add(listener);
      return () => {
        changeListeners.delete(listener);
      };
    },

    /** Announces enterprises changed by a writer outside this service (the Excel import), once its work has committed. */
    announceChanged(ids: readonly string[]): void {
      if (ids.length > 0) emitChange({ ids: [...ids] });
    },

    /** Every enterprise regardless of scope, in keyset batches by id, as matching reads them (the snapshot of 政策找企业). */
    async *streamMatchingRecords(batchSize = 20000): AsyncGenerator<EnterpriseMatchingRecord[]> {
      for await (const rows of iterateMatchingRows(db, batchSize)) yield rows.map(toMatchingRecord);
    },

    /** Some enterprises regardless of scope, as matching reads them (ids not found are left out). */
    async findMatchingRecords(ids: readonly string[]): Promise<EnterpriseMatchingRecord[]> {
      const rows = await findMatchingRowsByIds(db, ids.filter((id) => UUID.test(id)));
      return rows.map(toMatchingRecord);
    },

    /** The largest enterprise of a division subtree, regardless of scope (seeding demo accounts). */
    findFirstInDivision: (prefix: string) => findFirstEnterpriseInDivision(db, prefix),

    /**
     * Inserts already-validated enterprises in bulk with their derived fields and yearly
     * indicators (demo data, benchmarks); one audit entry records the batch.
     */
    async seedEnterprises(actor: Actor, rows: (EnterpriseCreate & { isDemo?: boolean; history?: ({ year: number } & Partial<Record<(typeof INDICATOR_FIELDS)[number], number | null>>)[] })[]) {
      const year = reportYear();
      const inserted = await db.transaction(async (tx) => {
        const inserts: EnterpriseInsert[] = rows.map(({ history: _h, ...r }) => {
          const base: EnterpriseInsert = { ...r, tags: r.tags ?? [] };
          const { sizeClassReason: _s, ...derived } = deriveFields(base);
          return { ...base, ...derived };
        });
        const ids = await insertEnterprisesBulk(tx, inserts);
        const indicators = rows.flatMap((r) => {
          const enterpriseId = ids.get(r.creditCode);
          if (!enterpriseId) return [];
          const latest = { enterpriseId, year, ...pick(r, INDICATOR_FIELDS) };
          return [...(r.history ?? []).map((h) => ({ enterpriseId, ...h })), latest];
        });
        await insertIndicatorsBulk(tx, indicators);
        await audit.record(tx, actor, { action: 'seed', entityType: 'enterprise', entityId: 'batch', after: { count: rows.length } });
        return ids;
      });
      emitChange({ ids: [...inserted.values()] });
      return inserted.size;
    },

    async summarize(actor: Actor) {
      assertCan(actor, 'dashboard.read');
      const s = await summarizeEnterprises(db, actor.scope);
      return {
        total: s.total,
        aboveScaleCount: s.aboveScaleCount,
        tagCounts: s.tagCounts,
        byDivision: s.byCounty.map((d) => ({ ...d, name: getDivision(d.code)?.name ?? d.code })),
        byIndustry: s.byIndustryDivision.map((d) => ({ ...d, name: getIndustry(d.code)?.name ?? d.code })),
        bySizeClass: s.bySizeClass,
      };
    },
  };
}
