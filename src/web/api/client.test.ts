import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR, errorMessage } from './client.ts';

describe('errorMessage', () => {
  const t = (key: string) => `«${key}»`;

  it('shows the server message, already in the user language', () => {
    expect(errorMessage(new ApiError({ status: 409, code: 'ENTERPRISE_CREDIT_CODE_TAKEN', message: '已被使用' }), t)).toBe('已被使用');
  });

  it('translates an unreachable server and anything unknown', () => {
    expect(errorMessage(new ApiError({ status: 0, code: NETWORK_ERROR, message: 'Network error' }), t)).toBe('«errors.network»');
    expect(errorMessage(new TypeError('x'), t)).toBe('«errors.unknown»');
  });
});
