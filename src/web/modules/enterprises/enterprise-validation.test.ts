import { describe, expect, it } from 'vitest';
import enUS from '../../i18n/en-US.json';
import zhCN from '../../i18n/zh-CN.json';
import { CREDIT_CODE_FAILURE_REASONS } from '../../../standards/credit-code.ts';
import { creditCodeProblem, isNonNegativeNumber, normalizeCreditCode } from './enterprise-validation.ts';

describe('creditCodeProblem', () => {
  it('accepts codes whose two check characters are right', () => {
    expect(creditCodeProblem('91410105MA44XXXX8K')).toBeNull();
    expect(creditCodeProblem('914101006149004924')).toBeNull();
  });

  it('normalises full-width characters, spaces and case first', () => {
    expect(normalizeCreditCode(' ９１410105ma44xxxx8k ')).toBe('91410105MA44XXXX8K');
    expect(creditCodeProblem(' ９１410105ma44xxxx8k ')).toBeNull();
  });

  it('tells what is wrong', () => {
    expect(creditCodeProblem('91410105MA44XXXX8')).toBe('length');
    expect(creditCodeProblem('91410105MA44XXXX8I')).toBe('character');
    expect(creditCodeProblem('91410105MA44XXXX7K')).toBe('organization-code');
    expect(creditCodeProblem('91410105MA44XXXX8L')).toBe('check-character');
  });

  it('has a message in both languages for every reason the standard gives', () => {
    for (const reason of CREDIT_CODE_FAILURE_REASONS) {
      expect(zhCN.validation.creditCode).toHaveProperty([reason]);
      expect(enUS.validation.creditCode).toHaveProperty([reason]);
    }
  });
});

describe('isNonNegativeNumber', () => {
  it('accepts zero and positive finite numbers only', () => {
    expect(isNonNegativeNumber(0)).toBe(true);
    expect(isNonNegativeNumber(12.5)).toBe(true);
    expect(isNonNegativeNumber(-1)).toBe(false);
    expect(isNonNegativeNumber(Number.NaN)).toBe(false);
    expect(isNonNegativeNumber('3')).toBe(false);
  });
});
