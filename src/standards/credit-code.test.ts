import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  computeCreditCodeCheckChar,
  computeOrganizationCodeCheckChar,
  describeCreditCode,
  isCreditCode,
  makeCreditCode,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code.ts';

// 宇通客车股份有限公司 (郑州, 管城区): as printed in public company records.
const YUTONG = '91410000170001401D';
// Further published codes of Henan/Zhengzhou registrants and of firms elsewhere.
// Published codes of Henan/Zhengzhou registrants and firms elsewhere, plus a sample of the
// codes found online that python-stdnum's test corpus collects (a 事业单位 12…, 个体工商户 92…,
// organisation codes with letters and with check character X): all pass the GB 11714 check too.
const PUBLISHED = [
  '91410000169955857C',
  '914101057355318653',
  '914100001711393654',
  '91440300708461136T',
  '91110000802100433B',
  '121200004013590816',
  '91110000600037341L',
  '9115220107837941X1',
  '91620105L015101280',
  '92340603MA2PBN17X5',
  '91340600MA2PBM9HXD',
  '9144030071526726XG',
];

function nextChar(ch: string): string {
  const i = CREDIT_CODE_CHARSET.indexOf(ch);
  return CREDIT_CODE_CHARSET.charAt((i + 1) % CREDIT_CODE_CHARSET.length);
}

describe('normalizeCreditCode', () => {
  it('trims, removes inner spaces, converts full-width to half-width and upper-cases', () => {
    expect(normalizeCreditCode('  ９１４１００００ 1700\u300001401d \n')).toBe(YUTONG);
  });
});

describe('computeCreditCodeCheckChar', () => {
  it('reproduces the check character of every published code', () => {
    for (const code of [YUTONG, ...PUBLISHED]) {
      expect(computeCreditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
    }
  });

  it('maps a remainder of 0 to check character 0 (31 becomes 0)', () => {
    // Find a 17-character prefix whose weighted sum is a multiple of 31 by varying the last character.
    const base = '9141010000000000';
    const prefix = Array.from(CREDIT_CODE_CHARSET)
      .map((c) => base + c)
      .find((p) => computeCreditCodeCheckChar(p) === '0');
    expect(prefix).toBeDefined();
  });

  it('rejects a prefix that is not 17 characters long', () => {
    expect(() => computeCreditCodeCheckChar('91410000170001401')).not.toThrow();
    expect(() => computeCreditCodeCheckChar('9141000017000140')).toThrow(RangeError);
  });
});

describe('computeOrganizationCodeCheckChar', () => {
  it('reproduces the GB 11714 check character inside published codes', () => {
    for (const code of [YUTONG, ...PUBLISHED]) {
      expect(computeOrganizationCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
    }
  });

  it('writes a check value of 10 as X and 11 as 0', () => {
    const bodies = Array.from({ length: 100 }, (_, i) => `000000${String(i).padStart(2, '0')}`);
    const checks = new Set(bodies.map(computeOrganizationCodeCheckChar));
    expect(checks.has('X')).toBe(true);
    expect(checks.has('0')).toBe(true);
    expect(computeOrganizationCodeCheckChar('00000000')).toBe('0');
  });
});

describe('validateCreditCode', () => {
  it('accepts the published code of 宇通客车 and other real codes', () => {
    for (const code of [YUTONG, ...PUBLISHED]) expect(validateCreditCode(code)).toEqual({ valid: true, code });
  });

  it('accepts lower-case and full-width input and returns the normalised code', () => {
    expect(validateCreditCode('91410000170001401d')).toEqual({ valid: true, code: YUTONG });
    expect(validateCreditCode('９１４１００００１７０００１４０１Ｄ')).toEqual({ valid: true, code: YUTONG });
  });

  it('rejects empty input', () => {
    expect(validateCreditCode('   ')).toMatchObject({ valid: false, reason: 'empty' });
  });

  it('rejects codes of 17 and 19 characters with reason length', () => {
    expect(validateCreditCode(YUTONG.slice(0, 17))).toMatchObject({ valid: false, reason: 'length' });
    expect(validateCreditCode(`${YUTONG}0`)).toMatchObject({ valid: false, reason: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the forbidden letter %s and names its position', (letter) => {
    const code = `${YUTONG.slice(0, 10)}${letter}${YUTONG.slice(11)}`;
    expect(validateCreditCode(code)).toMatchObject({ valid: false, reason: 'character', position: 11 });
  });

  it('rejects punctuation with reason character', () => {
    expect(validateCreditCode('91410000-70001401D')).toMatchObject({ valid: false, reason: 'character', position: 9 });
  });

  it('rejects an unknown registration authority', () => {
    const first17 = `B${YUTONG.slice(1, 17)}`;
    expect(validateCreditCode(first17 + computeCreditCodeCheckChar(first17))).toMatchObject({
      valid: false,
      reason: 'registration-authority',
      position: 1,
    });
  });

  it('rejects an organisation category that does not exist under 工商 (9)', () => {
    const first17 = `94${YUTONG.slice(2, 17)}`;
    expect(validateCreditCode(first17 + computeCreditCodeCheckChar(first17))).toMatchObject({
      valid: false,
      reason: 'category',
      position: 2,
    });
  });

  it('rejects letters in the division digits 3-8', () => {
    const first17 = `9141A000${YUTONG.slice(8, 17)}`;
    expect(validateCreditCode(first17 + computeCreditCodeCheckChar(first17))).toMatchObject({
      valid: false,
      reason: 'division',
      position: 5,
    });
  });

  it('rejects a code whose check character is off by one', () => {
    const code = YUTONG.slice(0, 17) + nextChar(YUTONG.charAt(17));
    expect(validateCreditCode(code)).toMatchObject({ valid: false, reason: 'check-character', position: 18, expected: 'D' });
  });

  it('rejects a code whose organisation-code check character (17) is wrong even if character 18 fits', () => {
    // 914100001700287730 circulates as 宇通客车's code but fails GB 11714 at position 17.
    expect(validateCreditCode('914100001700287730')).toMatchObject({ valid: false, reason: 'organization-code', expected: '8' });
    const first17 = YUTONG.slice(0, 16) + nextChar(YUTONG.charAt(16));
    expect(validateCreditCode(first17 + computeCreditCodeCheckChar(first17))).toMatchObject({
      valid: false,
      reason: 'organization-code',
      position: 17,
    });
  });

  it('gives a message for every failure', () => {
    const result = validateCreditCode(YUTONG.slice(0, 17) + '0');
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.message).toContain('校验码');
  });
});

describe('makeCreditCode', () => {
  it('builds codes that validate and keep their parts', () => {
    const code = makeCreditCode({ authority: '9', category: '1', divisionCode: '410105', organizationBody: 'MA3X7K2P' });
    expect(code).toHaveLength(18);
    expect(code.startsWith('91410105MA3X7K2P')).toBe(true);
    expect(isCreditCode(code)).toBe(true);
  });

  it('reproduces 宇通客车 from its parts', () => {
    expect(makeCreditCode({ authority: '9', category: '1', divisionCode: '410000', organizationBody: '17000140' })).toBe(YUTONG);
  });

  it('refuses parts that cannot form a valid code', () => {
    expect(() => makeCreditCode({ authority: '9', category: '1', divisionCode: '41010', organizationBody: 'MA3X7K2P' })).toThrow(RangeError);
    expect(() => makeCreditCode({ authority: '9', category: '1', divisionCode: '410105', organizationBody: 'MA3X7K2O' })).toThrow(RangeError);
    expect(() => makeCreditCode({ authority: '9', category: '7', divisionCode: '410105', organizationBody: 'MA3X7K2P' })).toThrow(RangeError);
  });
});

describe('describeCreditCode', () => {
  it('splits 宇通客车 into authority 工商, category 企业, division 410000 and organisation code 17000140-1', () => {
    expect(describeCreditCode(' 91410000170001401d ')).toEqual({
      code: YUTONG,
      authority: '9',
      authorityName: '工商 (市场监管)',
      category: '1',
      divisionCode: '410000',
      organizationCode: '17000140-1',
    });
  });

  it('returns undefined for an invalid code', () => {
    expect(describeCreditCode('91410000170001401E')).toBeUndefined();
  });
});
