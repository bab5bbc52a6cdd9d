import { describe, expect, it } from 'vitest';
import { toCalculatorBody } from './calculator-input.ts';

describe('toCalculatorBody', () => {
  it('sends the figures typed in and leaves empty ones out (unknown, not zero)', () => {
    expect(toCalculatorBody({ divisionCode: '410105', industryCode: 'C3511', employees: 0, revenueWan: null, tags: ['高新技术企业'] })).toEqual({
      divisionCode: '410105', industryCode: 'C3511', legalEntity: true, employees: 0, tags: ['高新技术企业'],
    });
  });

  it('keeps legal entity and founding day as chosen', () => {
    expect(toCalculatorBody({ divisionCode: '410105', industryCode: 'C3511', legalEntity: false, foundedOn: '2020-01-01' })).toMatchObject({ legalEntity: false, foundedOn: '2020-01-01' });
  });
});
