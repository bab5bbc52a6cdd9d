import { describe, expect, it } from 'vitest';
import type { EnterpriseDetail } from '../../api/types.ts';
import { ApiError } from '../../api/client.ts';
import { EMPTY_ENTERPRISE_FORM, serverFieldErrors, toEnterpriseInput, toEnterprisePatch, toFormValues } from './enterprise-form.ts';

const detail: EnterpriseDetail = {
  id: 'e1',
  creditCode: '91410100614900498N',
  name: '郑州示例机械有限公司',
  divisionCode: '410105',
  divisionName: '金水区',
  industryCode: 'C3670',
  industryName: '汽车零部件及配件制造',
  employees: 120,
  revenueWan: 8000,
  assetsWan: 5000,
  sizeClass: 'medium',
  aboveScale: true,
  tags: ['hightech'],
  foundedOn: '2012-05-01',
  isDemo: false,
  address: '金水路1号',
  legalRepresentative: '张三',
  contactName: '李四',
  contactPhone: '138****1234',
  mainBusinessRevenueWan: 7800,
  rdExpenseWan: null,
  taxWan: null,
  landMu: null,
  energyTce: null,
  patents: null,
  exportWan: null,
  parkName: null,
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
  indicators: [],
};

describe('enterprise form', () => {
  it('sends only what changed, with the version, and never the masked phone', () => {
    const initial = toFormValues(detail);
    const patch = toEnterprisePatch(initial, { ...initial, employees: 150 }, detail.version);
    expect(patch).toEqual({ version: 3, employees: 150 });
  });

  it('sends cleared optional text as null', () => {
    const initial = toFormValues(detail);
    expect(toEnterprisePatch(initial, { ...initial, address: '  ' }, 3)).toEqual({ version: 3, address: null });
  });

  it('trims the create body and leaves empty optional text out as null', () => {
    const input = toEnterpriseInput({
      ...EMPTY_ENTERPRISE_FORM,
      creditCode: ' 91410100614900498N ',
      name: ' 示例 ',
      divisionCode: '410105',
      industryCode: 'C3670',
      employees: 10,
      revenueWan: 100,
      assetsWan: 50,
    });
    expect(input).toMatchObject({ creditCode: '91410100614900498N', name: '示例', address: null, contactPhone: null, tags: [] });
  });
});

describe('serverFieldErrors', () => {
  it('puts validation issues on the fields they name', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误',
      details: {
        issues: [
          { path: 'body.employees', message: '不能为负数' },
          { path: ['body', 'revenueWan'], message: '不能为负数' },
          { path: 'body.employees', message: '必须是整数' },
          { path: 'params.id', message: 'Invalid UUID' },
        ],
      },
    });
    expect(serverFieldErrors(error)).toEqual([
      { name: 'employees', errors: ['不能为负数', '必须是整数'] },
      { name: 'revenueWan', errors: ['不能为负数'] },
    ]);
  });

  it('puts a taken credit code on the credit code field', () => {
    const error = new ApiError({ status: 409, code: 'ENTERPRISE_CREDIT_CODE_TAKEN', message: '已被其他企业使用' });
    expect(serverFieldErrors(error)).toEqual([{ name: 'creditCode', errors: ['已被其他企业使用'] }]);
  });

  it('leaves errors about no field to a message', () => {
    expect(serverFieldErrors(new ApiError({ status: 409, code: 'ENTERPRISE_VERSION_CONFLICT', message: 'x' }))).toBeNull();
    expect(serverFieldErrors(new Error('x'))).toBeNull();
  });
});
