import { describe, expect, it } from 'vitest';
import { compile } from '../../rules/index.ts';
import raw from '../../../data/policies/starter-catalogue.json' with { type: 'json' };
import { checkCatalogue, isInForce, isIsoDate, loadStarterCatalogue, parseCatalogue } from './catalogue.ts';
import { POLICY_FIELDS } from './policy-fields.ts';

const starter = loadStarterCatalogue();

/** A valid item to mutate in the negative tests. */
function validItem(): Record<string, unknown> {
  return structuredClone(raw.items.find((i) => i.id === 'ha-rd-financial-subsidy')) as Record<string, unknown>;
}

function problemsOf(items: unknown[]): { path: string; code: string }[] {
  return checkCatalogue({ version: 't', items }).problems.map(({ path, code }) => ({ path, code }));
}

describe('the starter catalogue', () => {
  it('loads with no problem and holds at least 15 items from national, 河南 and 郑州 measures', () => {
    expect(checkCatalogue(raw).problems).toEqual([]);
    expect(starter.items.length).toBeGreaterThanOrEqual(15);
    expect(starter.items.length).toBe(raw.items.length);
    const levels = new Set(starter.items.map((i) => i.level));
    expect([...levels].sort()).toEqual(['city', 'national', 'province']);
  });

  it('has unique ids', () => {
    const ids = starter.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('compiles every eligibility rule and benefit formula against the field schema with type checks', () => {
    for (const item of starter.items) {
      const eligibility = compile(item.eligibility, POLICY_FIELDS, { checkTypes: true });
      expect(eligibility.fields.length, item.id).toBeGreaterThan(0);
      if (item.benefit !== null) compile(item.benefit, POLICY_FIELDS, { checkTypes: true });
    }
  });

  it('gives every item valid dates, a source, the clause it encodes and a verification note', () => {
    for (const item of starter.items) {
      for (const date of [item.publishedOn, item.validFrom, item.validTo]) if (date) expect(isIsoDate(date), `${item.id} ${date}`).toBe(true);
      if (item.validFrom && item.validTo) expect(item.validFrom <= item.validTo, item.id).toBe(true);
      expect(item.sourceUrl, item.id).toMatch(/^https?:\/\//);
      expect(item.article.length, item.id).toBeGreaterThan(20);
      expect(item.verificationNote.length, item.id).toBeGreaterThan(0);
    }
  });

  it('marks every item whose 文号 or dates are unknown 待核实', () => {
    for (const item of starter.items.filter((i) => i.documentNumber === null || i.publishedOn === null || i.validFrom === null)) {
      expect(item.verification, item.id).toBe('待核实');
    }
  });

  it('encodes the published thresholds of the items it cites', () => {
    const byId = new Map(starter.items.map((i) => [i.id, i]));
    expect(JSON.stringify(byId.get('cn-small-low-profit-2023')?.eligibility)).toContain('{"<=":[{"var":"employees"},300]}');
    expect(JSON.stringify(byId.get('cn-small-low-profit-2023')?.eligibility)).toContain('{"<=":[{"var":"assetsWan"},5000]}');
    expect(byId.get('zz-ipo-listing-award-2024')?.documentNumber).toBe('郑政文〔2024〕45号');
    expect(byId.get('cn-advanced-manufacturing-vat-2023')?.documentNumber).toBe('财政部 税务总局公告2023年第43号');
    expect(byId.get('cn-rd-super-deduction-2023')?.article).toContain('100%');
  });
});

describe('checkCatalogue', () => {
  it('accepts a valid item', () => {
    expect(problemsOf([validItem()])).toEqual([]);
  });

  it('rejects a rule naming an unknown field, with the path inside the rule', () => {
    const item = { ...validItem(), eligibility: { and: [{ '>': [{ var: 'rdExpense' }, 0] }] } };
    expect(problemsOf([item])).toEqual([{ path: 'items[0].eligibility.and[0][">"][0].var', code: 'RULES_UNKNOWN_FIELD' }]);
  });

  it('rejects a type error and an unknown tag', () => {
    expect(problemsOf([{ ...validItem(), eligibility: { '>': [{ var: 'tags' }, 3] } }])[0]?.code).toBe('RULES_TYPE_MISMATCH');
    expect(problemsOf([{ ...validItem(), eligibility: { in: ['专精特新', { var: 'tags' }] } }])[0]?.code).toBe('RULES_UNKNOWN_VALUE');
    expect(problemsOf([{ ...validItem(), benefit: { '*': [{ var: 'industryCode' }, 0.1] } }])[0]?.code).toBe('RULES_TYPE_MISMATCH');
  });

  it('rejects a benefit that is not arithmetic or is a negative constant', () => {
    expect(problemsOf([{ ...validItem(), benefit: { in: ['失信', { var: 'tags' }] } }])[0]?.code).toBe('POLICIES_BENEFIT_NOT_ARITHMETIC');
    expect(problemsOf([{ ...validItem(), benefit: -5 }])[0]?.code).toBe('POLICIES_BENEFIT_NEGATIVE');
  });

  it('rejects a duplicate id, an impossible date and inverted validity', () => {
    expect(problemsOf([validItem(), validItem()])).toEqual([{ path: 'items[1].id', code: 'POLICIES_ID_TAKEN' }]);
    expect(problemsOf([{ ...validItem(), publishedOn: '2023-02-30' }])).toEqual([{ path: 'items[0].publishedOn', code: 'POLICIES_ITEM_MALFORMED' }]);
    expect(problemsOf([{ ...validItem(), validFrom: '2024-01-01', validTo: '2023-12-31' }])).toEqual([{ path: 'items[0].validTo', code: 'POLICIES_DATES_INVERTED' }]);
  });

  it('refuses an unknown 文号 or date on an item marked confirmed', () => {
    expect(problemsOf([{ ...validItem(), verification: 'confirmed' }]).map((p) => p.code)).toEqual([
      'POLICIES_UNCONFIRMED_NOT_FLAGGED', 'POLICIES_UNCONFIRMED_NOT_FLAGGED', 'POLICIES_UNCONFIRMED_NOT_FLAGGED',
    ]);
  });

  it('requires a district measure to name its division and restrict it in the rule', () => {
    const district = { ...validItem(), level: 'district' };
    expect(problemsOf([district]).map((p) => p.code).sort()).toEqual(['POLICIES_DISTRICT_NOT_SCOPED', 'POLICIES_DIVISION_REQUIRED']);
    const scoped = { ...district, divisionCode: '410183', eligibility: { and: [{ '==': [{ var: 'countyCode' }, '410183'] }, { '>': [{ var: 'rdExpenseWan' }, 0] }] } };
    expect(problemsOf([scoped])).toEqual([]);
    expect(problemsOf([{ ...validItem(), divisionCode: '410183' }])).toEqual([{ path: 'items[0].divisionCode', code: 'POLICIES_DIVISION_UNEXPECTED' }]);
  });

  it('requires a rule that reads the registry and a benefit that is present', () => {
    expect(problemsOf([{ ...validItem(), eligibility: { '==': [1, 1] } }])).toEqual([{ path: 'items[0].eligibility', code: 'POLICIES_RULE_READS_NOTHING' }]);
    const { benefit: _benefit, ...withoutBenefit } = validItem();
    expect(problemsOf([withoutBenefit])).toEqual([{ path: 'items[0].benefit', code: 'POLICIES_ITEM_MALFORMED' }]);
    expect(problemsOf([{ ...validItem(), eligibility: true }])).toEqual([{ path: 'items[0].eligibility', code: 'POLICIES_ITEM_MALFORMED' }]);
  });

  it('reports a missing required field and unknown keys', () => {
    const { title: _title, ...untitled } = validItem();
    expect(problemsOf([untitled])).toEqual([{ path: 'items[0].title', code: 'POLICIES_ITEM_MALFORMED' }]);
    expect(problemsOf([{ ...validItem(), amount: 3 }])[0]?.code).toBe('POLICIES_ITEM_MALFORMED');
  });

  it('throws POLICIES_CATALOGUE_INVALID with every problem from parseCatalogue', () => {
    expect(() => parseCatalogue({ version: 't', items: [validItem(), validItem()] })).toThrow(expect.objectContaining({
      code: 'POLICIES_CATALOGUE_INVALID',
      details: { problems: [expect.objectContaining({ code: 'POLICIES_ID_TAKEN' })] },
    }));
  });
});

describe('isInForce', () => {
  it('includes both ends of the validity and treats an unknown start as in force', () => {
    const item = { validFrom: '2024-12-19', validTo: '2026-12-31' };
    expect(isInForce(item, '2024-12-18')).toBe(false);
    expect(isInForce(item, '2024-12-19')).toBe(true);
    expect(isInForce(item, '2026-12-31')).toBe(true);
    expect(isInForce(item, '2027-01-01')).toBe(false);
    expect(isInForce({ validFrom: null }, '1990-01-01')).toBe(true);
  });
});
