/**
 * The policy catalogue (奖补事项): the item format, its checker, and the starter catalogue shipped
 * in data/policies/starter-catalogue.json. Every rule and formula is compiled against POLICY_FIELDS.
 */
import { z } from 'zod';
import starterCatalogue from '../../../data/policies/starter-catalogue.json' with { type: 'json' };
import { RuleCompileError, compile } from '../../rules/index.ts';
import { AppError } from '../../server/errors.ts';
import { POLICY_FIELDS } from './policy-fields.ts';

export const POLICY_LEVELS = ['national', 'province', 'city', 'district'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

/** `confirmed`: every threshold and amount encoded was read in the source; `待核实`: something was not. */
export const VERIFICATION_STATES = ['confirmed', '待核实'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = z.string().trim().min(1);
const isoDate = z.string().refine(isIsoDate, { message: 'not a calendar date YYYY-MM-DD' });

/** One item as stored in the catalogue file; cross-field rules are checked by {@link checkCatalogue}. */
export const PolicyItemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id').max(80),
  title: text.describe('奖补事项名称'),
  documentTitle: text.describe('政策文件标题'),
  documentNumber: text.nullable().describe('文号; null when it could not be confirmed (then 待核实)'),
  issuer: text.describe('发文机关'),
  level: z.enum(POLICY_LEVELS),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$|^\d{6}-[A-Z]{2}$/).optional().describe('For district measures: the division or zone'),
  publishedOn: isoDate.nullable(),
  validFrom: isoDate.nullable().describe('First day in force; null when unknown (then 待核实)'),
  validTo: isoDate.optional().describe('Last day in force, inclusive'),
  sourceUrl: z.url({ protocol: /^https?$/ }),
  sourceNote: text.optional(),
  article: text.describe('The clause (条款) the rule encodes, as published'),
  eligibility: z.record(z.string(), z.unknown()).describe('JsonLogic over POLICY_FIELDS'),
  benefit: z.union([z.number(), z.record(z.string(), z.unknown()), z.null()]).describe('JsonLogic arithmetic giving 万元, or null when the registry cannot estimate it'),
  benefitCapWan: z.number().finite().min(0).nullable().describe('The most the document allows per enterprise (万元), null when uncapped'),
  benefitNote: text,
  exemptFromApplication: z.boolean().describe('免申即享 or claimed without an application'),
  applicationNote: text.optional(),
  unencodedConditions: z.array(text).describe('Conditions of the article the registry cannot express'),
  verification: z.enum(VERIFICATION_STATES),
  verificationNote: text,
});

/** A catalogue item (奖补事项). */
export type PolicyItem = z.infer<typeof PolicyItemSchema>;

export const CatalogueSchema = z.strictObject({
  version: text,
  description: text.optional(),
  items: z.array(z.unknown()),
});

/** One problem found in a catalogue: where (`items[3].eligibility`), what (a code) and why. */
export interface CatalogueProblem {
  path: string;
  code: string;
  message: string;
}

const BENEFIT_OPERATORS = new Set(['+', '-', '*', '/', 'min', 'max', 'if', '?:']);

function operatorOf(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

function compileProblem(path: string, error: unknown): CatalogueProblem {
  if (error instanceof RuleCompileError) return { path: `${path}${error.path.slice(1)}`, code: error.code, message: error.message };
  return { path, code: 'RULES_MALFORMED', message: error instanceof Error ? error.message : String(error) };
}

/** The cross-field checks of one item (its rule and formula compiled against POLICY_FIELDS); `path` prefixes each problem. */
export function checkItem(item: PolicyItem, path: string): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const add = (where: string, code: string, message: string): void => {
    problems.push({ path: `${path}.${where}`, code, message });
  };
  try {
    const compiled = compile(item.eligibility, POLICY_FIELDS);
    if (compiled.fields.length === 0) add('eligibility', 'POLICIES_RULE_READS_NOTHING', 'an eligibility rule must read at least one field');
    if (item.level === 'district' && !compiled.fields.some((f) => f === 'divisionCode' || f === 'countyCode')) {
      add('eligibility', 'POLICIES_DISTRICT_NOT_SCOPED', 'a district measure must restrict divisionCode or countyCode');
    }
  } catch (error) {
    problems.push(compileProblem(`${path}.eligibility`, error));
  }
  if (item.benefit !== null) {
    const op = operatorOf(item.benefit);
    if (typeof item.benefit !== 'number' && (op === undefined || !BENEFIT_OPERATORS.has(op))) {
      add('benefit', 'POLICIES_BENEFIT_NOT_ARITHMETIC', `a benefit is a number or an arithmetic formula (${[...BENEFIT_OPERATORS].join(' ')}), not "${op ?? typeof item.benefit}"`);
    }
    if (typeof item.benefit === 'number' && item.benefit < 0) add('benefit', 'POLICIES_BENEFIT_NEGATIVE', 'a benefit cannot be negative');
    try {
      compile(item.benefit, POLICY_FIELDS);
    } catch (error) {
      problems.push(compileProblem(`${path}.benefit`, error));
    }
  }
  if (item.level === 'district' && item.divisionCode === undefined) add('divisionCode', 'POLICIES_DIVISION_REQUIRED', 'a district measure names its division');
  if (item.level !== 'district' && item.divisionCode !== undefined) add('divisionCode', 'POLICIES_DIVISION_UNEXPECTED', 'only district measures name a division');
  if (item.validFrom !== null && item.validTo !== undefined && item.validTo < item.validFrom) {
    add('validTo', 'POLICIES_DATES_INVERTED', `validTo ${item.validTo} is before validFrom ${item.validFrom}`);
  }
  const unconfirmed = [
    ['documentNumber', item.documentNumber],
    ['publishedOn', item.publishedOn],
    ['validFrom', item.validFrom],
  ].filter(([, value]) => value === null);
  if (unconfirmed.length > 0 && item.verification !== '待核实') {
    for (const [field] of unconfirmed) add(String(field), 'POLICIES_UNCONFIRMED_NOT_FLAGGED', `${String(field)} is unknown, so the item must be 待核实`);
  }
  return problems;
}

/**
 * Checks a parsed catalogue file: the shape of every item, unique ids, valid dates, and that every
 * eligibility rule and benefit formula compiles against POLICY_FIELDS with no unknown field or
 * type error. Returns the good items and every problem found (nothing stops at the first).
 */
export function checkCatalogue(raw: unknown): { version: string; items: PolicyItem[]; problems: CatalogueProblem[] } {
  const problems: CatalogueProblem[] = [];
  const envelope = CatalogueSchema.safeParse(raw);
  if (!envelope.success) {
    return {
      version: '',
      items: [],
      problems: envelope.error.issues.map((i) => ({ path: ['$', ...i.path].join('.'), code: 'POLICIES_CATALOGUE_MALFORMED', message: i.message })),
    };
  }
  const items: PolicyItem[] = [];
  const seen = new Map<string, number>();
  envelope.data.items.forEach((rawItem, index) => {
    const path = `items[${index}]`;
    const parsed = PolicyItemSchema.safeParse(rawItem);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ path: [path, ...issue.path.map(String)].join('.'), code: 'POLICIES_ITEM_MALFORMED', message: issue.message });
      }
      return;
    }
    const item = parsed.data;
    const first = seen.get(item.id);
    if (first !== undefined) {
      problems.push({ path: `${path}.id`, code: 'POLICIES_ID_TAKEN', message: `id "${item.id}" is also items[${first}]` });
      return;
    }
    seen.set(item.id, index);
    const itemProblems = checkItem(item, path);
    problems.push(...itemProblems);
    if (itemProblems.length === 0) items.push(item);
  });
  return { version: envelope.data.version, items, problems };
}

/** Parses a catalogue and throws AppError(POLICIES_CATALOGUE_INVALID) listing every problem. */
export function parseCatalogue(raw: unknown): { version: string; items: PolicyItem[] } {
  const { version, items, problems } = checkCatalogue(raw);
  if (problems.length > 0) throw new AppError('POLICIES_CATALOGUE_INVALID', { details: { problems } });
  return { version, items };
}

/** The starter catalogue shipped with Gaodi (data/policies/starter-catalogue.json), checked. */
export function loadStarterCatalogue(): { version: string; items: PolicyItem[] } {
  return parseCatalogue(starterCatalogue);
}

/** Whether an item is in force on `date` (`YYYY-MM-DD`); an unknown start counts as in force. */
export function isInForce(item: Pick<PolicyItem, 'validFrom' | 'validTo'>, date: string): boolean {
  if (item.validFrom !== null && date < item.validFrom) return false;
  if (item.validTo !== undefined && date > item.validTo) return false;
  return true;
}
