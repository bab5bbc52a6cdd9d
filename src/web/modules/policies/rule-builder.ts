/**
 * The rule builder's model: the registry's field schema as react-querybuilder fields (labels with
 * units in the UI language, tags as a multi-select), and JsonLogic out of and back into a query.
 * Pure: the page and the unit tests share it.
 */
import { defaultRuleProcessorJsonLogic, formatQuery } from 'react-querybuilder/formatQuery';
import type { Field, RuleGroupType, RuleType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';

/** One field of the rule schema, as `GET /api/v1/public/policy-items` lists it (label and unit in Chinese and English). */
export type RuleFieldSpec = { name: string; type: string; unit: string | null; unitEn?: string | null; label: string | null; labelEn?: string | null; values: string[] | null };

/** A field's label with its unit in the UI language (`研发费用 (万元)`, `R&D expenses (10k CNY)`); the name when it has no label. */
export function fieldLabel(spec: RuleFieldSpec, language: string): string {
  const english = language.startsWith('en');
  const label = (english ? spec.labelEn : null) ?? spec.label ?? spec.name;
  const unit = english ? (spec.unitEn ?? spec.unit) : spec.unit;
  return unit ? `${label} (${unit})` : label;
}

type Translate = (key: string) => string;

/** A builder field: always with its `value` (the field name), as the JsonLogic parser wants. */
export type BuilderField = Field & { value: string };

const NUMBER_OPERATORS = ['>=', '>', '<=', '<', '=', '!=', 'null', 'notNull'] as const;
const CODE_OPERATORS = ['=', '!=', 'in', 'notIn', 'null', 'notNull'] as const;
const BOOLEAN_OPERATORS = ['='] as const;
const TAG_OPERATORS = ['contains', 'doesNotContain'] as const;

/** The fields a builder offers: labels and units from the schema in the UI language, an operator set by type. */
export function toBuilderFields(specs: readonly RuleFieldSpec[], t: Translate, language = 'zh-CN'): BuilderField[] {
  const ops = (names: readonly string[]) => names.map((name) => ({ name, value: name, label: t(`policyAuthoring.operators.${name}`) }));
  return specs.map((spec) => {
    const label = fieldLabel(spec, language);
    const values = spec.values?.map((v) => ({ name: v, value: v, label: spec.name === 'sizeClass' ? t(`sizeClass.${v}`) : v }));
    switch (spec.type) {
      case 'number':
      case 'integer':
        return { name: spec.name, value: spec.name, label, inputType: 'number', operators: ops(NUMBER_OPERATORS), defaultOperator: '>=', defaultValue: 0 };
      case 'boolean':
        return { name: spec.name, value: spec.name, label, valueEditorType: 'checkbox', operators: ops(BOOLEAN_OPERATORS), defaultValue: true };
      case 'tags':
        return { name: spec.name, value: spec.name, label, valueEditorType: 'multiselect', values: values ?? [], operators: ops(TAG_OPERATORS), defaultOperator: 'contains' };
      default:
        return values
          ? { name: spec.name, value: spec.name, label, valueEditorType: (_op: string) => 'select', values, operators: ops(CODE_OPERATORS), defaultOperator: '=' }
          : { name: spec.name, value: spec.name, label, operators: ops(CODE_OPERATORS), defaultOperator: '=' };
    }
  });
}

const toList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return [];
};

/** Tags are tested one by one as the engine reads them: `{"in":["高新技术企业",{"var":"tags"}]}`, negated with `!`. */
function ruleProcessor(rule: RuleType, options: Parameters<typeof defaultRuleProcessorJsonLogic>[1]): unknown {
  if (rule.field === 'tags' && (rule.operator === 'contains' || rule.operator === 'doesNotContain')) {
    const parts = toList(rule.value).map((tag) => {
      const has = { in: [tag, { var: 'tags' }] };
      return rule.operator === 'contains' ? has : { '!': has };
    });
    if (parts.length === 0) return false;
    return parts.length === 1 ? parts[0] : { and: parts };
  }
  return defaultRuleProcessorJsonLogic(rule, options);
}

/** The query as JsonLogic (the top group is always an `and`/`or` of conditions, empty when it has none). */
export function queryToJsonLogic(query: RuleGroupType, fields: BuilderField[]): unknown {
  // numbers only for numeric fields: a division code 410105 stays the text "410105"
  const rule = formatQuery(query, { format: 'jsonlogic', parseNumbers: 'strict-limited', fields, ruleProcessor });
  // an empty query stays an empty group (the server refuses it: it reads no field), not `false`
  return rule === false ? { [query.combinator === 'or' ? 'or' : 'and']: [] } : rule;
}

/** JsonLogic back into a query the builder can show; conditions it cannot show are dropped, so check with {@link isRepresentable}. */
export function jsonLogicToQuery(rule: unknown, fields: BuilderField[]): RuleGroupType {
  const parsed = parseJsonLogic(rule as Parameters<typeof parseJsonLogic>[0], {
    fields,
    jsonLogicOperations: {
      // `{"!":{"in":["失信",{"var":"tags"}]}}` and its array form: "does not have the tag"
      '!': (value: unknown) => {
        const inner = Array.isArray(value) ? value[0] : value;
        const op = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).in : undefined;
        if (Array.isArray(op) && typeof op[0] === 'string' && (op[1] as { var?: unknown } | undefined)?.var === 'tags') {
          return { field: 'tags', operator: 'doesNotContain', value: op[0] };
        }
        return false;
      },
    },
  });
  return parsed;
}

/** Whether the builder can show a rule without losing any of it (else the JSON view is the editor). */
export function isRepresentable(rule: unknown, fields: BuilderField[]): boolean {
  if (typeof rule !== 'object' || rule === null) return false;
  try {
    return JSON.stringify(queryToJsonLogic(jsonLogicToQuery(rule, fields), fields)) === JSON.stringify(normalizeTop(rule));
  } catch {
    return false;
  }
}

/** A single condition is shown as a group of one: compare it as `{"and":[condition]}`. */
function normalizeTop(rule: unknown): unknown {
  if (typeof rule === 'object' && rule !== null && !('and' in rule) && !('or' in rule)) return { and: [rule] };
  return rule;
}

/** A benefit formula in the simple forms an official picks, or any JsonLogic. */
export type BenefitForm =
  | { kind: 'none' }
  | { kind: 'fixed'; amountWan: number }
  | { kind: 'rate'; field: string; rate: number }
  | { kind: 'json'; text: string };

/** The formula of a form: null (not estimated), a number, `{"*":[{"var":field},rate]}`, or parsed JSON (undefined when it does not parse). */
export function benefitFormula(form: BenefitForm): unknown {
  switch (form.kind) {
    case 'none':
      return null;
    case 'fixed':
      return form.amountWan;
    case 'rate':
      return { '*': [{ var: form.field }, form.rate] };
    case 'json':
      try {
        return JSON.parse(form.text) as unknown;
      } catch {
        return undefined;
      }
  }
}

/** The simplest form that shows a stored formula. */
export function benefitFormOf(formula: unknown): BenefitForm {
  if (formula === null || formula === undefined) return { kind: 'none' };
  if (typeof formula === 'number') return { kind: 'fixed', amountWan: formula };
  const times = (formula as Record<string, unknown>)['*'];
  if (Array.isArray(times) && times.length === 2 && typeof times[1] === 'number' && typeof (times[0] as { var?: unknown })?.var === 'string' && Object.keys(formula as object).length === 1) {
    return { kind: 'rate', field: (times[0] as { var: string }).var, rate: times[1] };
  }
  return { kind: 'json', text: JSON.stringify(formula, null, 2) };
}

/**
 * Numeric fields a rule bounds from above (`<`, `<=`) without also asking `!= null` in the same
 * `and`: JsonLogic reads an unreported figure as 0, so a firm that never reported its headcount
 * would pass "从业人员 ≤ 300". The builder warns; the official adds "已填报".
 */
export function unguardedUpperBounds(rule: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const [op] = Object.keys(node);
    if (op === undefined) return;
    const args = (node as Record<string, unknown>)[op];
    const list = Array.isArray(args) ? args : [args];
    if (op === 'and' || op === 'or') {
      const guarded = new Set(op === 'and' ? list.flatMap((c) => guardedField(c)) : []);
      for (const child of list) {
        const bounded = upperBoundField(child);
        if (bounded === undefined) visit(child);
        else if (!guarded.has(bounded)) found.add(bounded);
      }
      return;
    }
    const bounded = upperBoundField(node);
    if (bounded) found.add(bounded);
    else for (const child of list) visit(child);
  };
  visit(rule);
  return [...found];
}

const varName = (x: unknown): string | undefined => {
  const name = typeof x === 'object' && x !== null ? (x as { var?: unknown }).var : undefined;
  return typeof name === 'string' ? name : undefined;
};

function guardedField(node: unknown): string[] {
  const args = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['!='] : undefined;
  if (!Array.isArray(args) || args[1] !== null) return [];
  const name = varName(args[0]);
  return name ? [name] : [];
}

function upperBoundField(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  for (const op of ['<', '<='] as const) {
    const args = (node as Record<string, unknown>)[op];
    if (Array.isArray(args) && args.length === 2 && typeof args[1] === 'number') return varName(args[0]);
  }
  return undefined;
}
