import { describe, expect, it } from 'vitest';
import enUS from './en-US.json';
import { flattenKeys } from './keys.ts';
import zhCN from './zh-CN.json';

describe('translations', () => {
  it('has the same keys in zh-CN and en-US', () => {
    const zh = flattenKeys(zhCN).sort();
    const en = flattenKeys(enUS).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it('has no empty text in either language', () => {
    const empty = (tree: unknown) =>
      flattenKeys(tree).filter((key) => {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        return typeof text !== 'string' || text.trim() === '';
      });
    expect(empty(zhCN)).toEqual([]);
    expect(empty(enUS)).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (tree: unknown, key: string) => {
      const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      return [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    };
    for (const key of flattenKeys(zhCN)) expect([key, vars(enUS, key)]).toEqual([key, vars(zhCN, key)]);
  });
});

describe('keys used in the code', () => {
  it('exist in the translations', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('..', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(root);
    const known = new Set(flattenKeys(zhCN));
    const missing: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
        const key = match[1] ?? '';
        if (!known.has(key)) missing.push(`${file.slice(root.length)}: ${key}`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe('keys built from enums', () => {
  it('exist for every module, role, size class, import status, account status and login outcome', async () => {
    const { APP_MODULES } = await import('../app/navigation.ts');
    const { ROLES, SIZE_CLASSES } = await import('../api/types.ts');
    const { LOGIN_OUTCOMES, USER_STATUSES } = await import('../modules/users/users-types.ts');
    const known = new Set(flattenKeys(zhCN));
    const wanted = [
      ...APP_MODULES.map((m) => `nav.${m}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...SIZE_CLASSES.flatMap((s) => [`sizeClass.${s}`, `sizeClass.${s}Enterprise`]),
      ...['queued', 'running', 'done', 'failed'].map((s) => `import.status.${s}`),
      ...USER_STATUSES.map((s) => `users.statuses.${s}`),
      ...LOGIN_OUTCOMES.map((o) => `users.outcomes.${o}`),
    ];
    expect(wanted.filter((key) => !known.has(key))).toEqual([]);
  });
});
