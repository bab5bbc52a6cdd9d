import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types.ts';
import { canUse, hasPermission, homePathFor, moduleForPath, modulesFor, passwordChangeRedirect, safeNextPath } from './navigation.ts';

describe('navigation', () => {
  it('shows an admin every module including user administration and the audit log', () => {
    expect(modulesFor('admin')).toEqual(['dashboard', 'registry', 'policies', 'policyDocuments', 'policyApplications', 'policyDelivery', 'serviceDashboard', 'serviceRequests', 'serviceLiaisons', 'serviceSettings', 'selfCheck', 'users', 'audit']);
  });

  it('keeps user administration from every role but admin', () => {
    const others: Role[] = ['city', 'district', 'street', 'department', 'enterprise', 'leader'];
    expect(others.filter((role) => canUse(role, 'users'))).toEqual([]);
  });

  it('shows an enterprise user its own record and the self-check only', () => {
    expect(modulesFor('enterprise')).toEqual(['myEnterprise', 'myPolicies', 'policyInbox', 'policyApplications', 'serviceRequests', 'serviceLiaisons', 'selfCheck']);
    expect(canUse('enterprise', 'registry')).toBe(false);
    expect(canUse('enterprise', 'dashboard')).toBe(false);
    expect(canUse('enterprise', 'policyDocuments')).toBe(false);
  });

  it('keeps the audit log from a district officer', () => {
    expect(modulesFor('district')).toEqual(['dashboard', 'registry', 'policies', 'policyDocuments', 'policyInbox', 'policyApplications', 'policyDelivery', 'serviceDashboard', 'serviceRequests', 'serviceLiaisons', 'selfCheck']);
  });

  it('sends an enterprise user home to its own record', () => {
    expect(homePathFor('enterprise')).toBe('/my-enterprise');
    expect(homePathFor('leader')).toBe('/');
  });

  it('finds the module of nested paths', () => {
    expect(moduleForPath('/enterprises/abc')).toBe('registry');
    expect(moduleForPath('/')).toBe('dashboard');
    expect(moduleForPath('/audit')).toBe('audit');
    expect(moduleForPath('/policies/zz-green-factory-award')).toBe('policies');
    expect(moduleForPath('/policy-documents')).toBe('policyDocuments');
    expect(moduleForPath('/policy-documents/0b6c2f0e-1d2a-4c3b-9e8f-7a6b5c4d3e2f')).toBe('policyDocuments');
    expect(moduleForPath('/service/requests/abc')).toBe('serviceRequests');
    expect(moduleForPath('/service/queue')).toBe('serviceQueue');
    expect(moduleForPath('/users/login-events')).toBe('users');
    expect(moduleForPath('/nowhere')).toBeNull();
  });

  it('returns only local paths after sign-in', () => {
    expect(safeNextPath('/enterprises?q=宇通', 'city')).toBe('/enterprises?q=宇通');
    expect(safeNextPath('//evil.example', 'city')).toBe('/');
    expect(safeNextPath('https://evil.example', 'city')).toBe('/');
    expect(safeNextPath('/login?next=/', 'enterprise')).toBe('/my-enterprise');
    expect(safeNextPath(null, 'enterprise')).toBe('/my-enterprise');
  });
});

describe('passwordChangeRedirect', () => {
  it('sends a user with a temporary password to the change-password page, keeping the page asked for', () => {
    expect(passwordChangeRedirect({ mustChangePassword: true }, { pathname: '/enterprises', search: '?q=宇通' })).toBe(`/account/password?next=${encodeURIComponent('/enterprises?q=宇通')}`);
    expect(passwordChangeRedirect({ mustChangePassword: true }, { pathname: '/', search: '' })).toBe('/account/password');
  });

  it('leaves the change-password page itself and users without a temporary password alone', () => {
    expect(passwordChangeRedirect({ mustChangePassword: true }, { pathname: '/account/password', search: '?next=%2Faudit' })).toBeNull();
    expect(passwordChangeRedirect({ mustChangePassword: false }, { pathname: '/enterprises', search: '' })).toBeNull();
    expect(passwordChangeRedirect({}, { pathname: '/users', search: '' })).toBeNull();
  });
});

describe('hasPermission', () => {
  it('follows the server permissions when they are sent, else the role', () => {
    expect(hasPermission({ role: 'district', permissions: ['enterprises.read'] }, 'enterprises.create')).toBe(false);
    expect(hasPermission({ role: 'leader', permissions: ['enterprises.create'] }, 'enterprises.create')).toBe(true);
    expect(hasPermission({ role: 'street' }, 'enterprises.import')).toBe(true);
    expect(hasPermission({ role: 'leader' }, 'enterprises.update')).toBe(false);
    expect(hasPermission({ role: 'enterprise' }, 'enterprises.update')).toBe(true);
  });
});
