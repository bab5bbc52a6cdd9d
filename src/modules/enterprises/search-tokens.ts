import { pinyin } from 'pinyin-pro';

/**
 * Name search without pg_trgm: the app writes character bigrams of the name and bigrams
 * of its pinyin initials (prefixed `p:`) into a GIN-indexed text[] column. Works the same
 * on PGlite, PostgreSQL and Citus, and finds 2-character queries (宇通, 重工) that
 * trigrams cannot.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Overlapping 2-character windows of a normalised text. */
export function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Pinyin initials of a name: 郑州宇通客车 → zzytkc (letters and digits kept as they are). */
export function pinyinInitials(name: string): string {
  const normalized = normalizeText(name);
  if (!normalized) return '';
  const parts = pinyin(normalized, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Every token written for a name. */
export function searchTokensFor(name: string): { tokens: string[]; initials: string } {
  const normalized = normalizeText(name);
  const initials = pinyinInitials(name);
  const tokens = new Set<string>(bigrams(normalized));
  for (const b of bigrams(initials)) tokens.add(`p:${b}`);
  return { tokens: [...tokens], initials };
}

export type SearchPlan =
  | { kind: 'none' }
  | { kind: 'substring'; tokens: string[]; pattern: string }
  | { kind: 'initials'; tokens: string[]; pattern: string }
  | { kind: 'code'; prefix: string }
  | { kind: 'single-char'; pattern: string };

/** Decides how to look a query up: by name substring, by pinyin initials, by credit code prefix. */
export function planSearch(query: string): SearchPlan {
  const q = normalizeText(query);
  if (!q) return { kind: 'none' };
  if (/^[0-9a-z]{6,18}$/.test(q) && /\d/.test(q)) return { kind: 'code', prefix: q.toUpperCase() };
  if (/^[a-z]{2,}$/.test(q)) return { kind: 'initials', tokens: bigrams(q).map((b) => `p:${b}`), pattern: q };
  if (Array.from(q).length === 1) return { kind: 'single-char', pattern: q };
  return { kind: 'substring', tokens: [...new Set(bigrams(q))], pattern: q };
}

/**
 * Variants of a query with one character replaced by a wildcard, each with the bigrams
 * that do not touch the replaced position (the GIN prefilter); for one-typo tolerance.
 */
export function oneTypoVariants(query: string): { tokens: string[]; likePattern: string }[] {
  const chars = Array.from(normalizeText(query));
  if (chars.length < 3) return [];
  const variants: { tokens: string[]; likePattern: string }[] = [];
  for (let i = 0; i < chars.length; i++) {
    const tokens: string[] = [];
    for (let j = 0; j + 1 < chars.length; j++) {
      if (j === i || j + 1 === i) continue;
      tokens.push(`${chars[j]}${chars[j + 1]}`);
    }
    if (tokens.length === 0) continue;
    const likePattern = chars.map((c, k) => (k === i ? '_' : c.replace(/[\\%_]/g, (m) => `\\${m}`))).join('');
    variants.push({ tokens: [...new Set(tokens)], likePattern });
  }
  return variants;
}
