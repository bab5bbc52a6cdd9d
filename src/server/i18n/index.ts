import { zhCN } from './zh-CN.ts';
import { enUS } from './en-US.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Picks zh-CN or en-US from a `gaodi_lang` cookie value or an Accept-Language header; zh-CN by default. */
export function pickLocale(preferred: string | undefined, acceptLanguage: string | undefined): Locale {
  for (const candidate of [preferred, ...(acceptLanguage ?? '').split(',').map((p) => p.split(';')[0]?.trim())]) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    if (lower.startsWith('en')) return 'en-US';
    if (lower.startsWith('zh')) return 'zh-CN';
  }
  return 'zh-CN';
}

/** The message for `key` in `locale` with `{param}` placeholders filled; falls back to zh-CN, then the key. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? catalogs['zh-CN'][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Every key present in one catalogue must be in the other (checked by a test). */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]).sort();
}

/** A field or row problem `{ code, params }` worded in `locale` (codes are keys under `rows.`). */
export function describeProblem(locale: Locale, problem: { code: string; params?: Record<string, string | number> | undefined }): string {
  const params = { ...(problem.params ?? {}) };
  if (typeof params.reason === 'string') params.reason = translate(locale, `creditCode.${params.reason}`);
  return translate(locale, `rows.${problem.code}`, params);
}

/** Picks one side of a standards message written "中文 / English". */
export function pickBilingual(text: string, locale: Locale): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return locale === 'en-US' ? text.slice(at + 3) : text.slice(0, at);
}
