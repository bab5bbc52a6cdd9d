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

/** Pinyin initials of a normalised text through pinyin-pro, which reads polyphonic characters in context (重庆 cq, 重工 zg). */
function initialsInContext(normalized: string): string {
  const parts = pinyin(normalized, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The initial of one character whatever its reading (letters and digits are themselves, other
 * symbols ''); null when its readings start differently (重 z/c, 行 h/x) and context decides.
 * Cached: pinyin-pro's segmentation costs ~15 µs a name, and a bulk import tokenises a million.
 */
const initialOfChar = new Map<string, string | null>();
function charInitial(ch: string): string | null {
  let initial = initialOfChar.get(ch);
  if (initial === undefined) {
    const readings = pinyin(ch, { pattern: 'first', toneType: 'none', type: 'array', multiple: true, nonZh: 'consecutive' });
    const initials = new Set(readings.map((r) => r.toLowerCase().replace(/[^a-z0-9]/g, '')));
    initial = initials.size === 1 ? ([...initials][0] ?? '') : null;
    initialOfChar.set(ch, initial);
  }
  return initial;
}

/**
 * The reading of a polyphonic character depends on the words around it, and pinyin-pro's words are
 * a few characters long: the character is read within this many characters on either side, and
 * the reading of each such window is cached (股份, 技术, 客车 and their neighbours recur in most
 * names, and reading a whole name in context costs ~10 µs).
 */
const CONTEXT = 3;
const initialsOfWindow = new Map<string, string>();
const MAX_CACHED_WINDOWS = 200_000;

function initialsOfNormalized(normalized: string): string {
  const chars = Array.from(normalized);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    let initial = charInitial(ch);
    if (initial === null) {
      const from = Math.max(0, i - CONTEXT);
      const window = chars.slice(from, i + CONTEXT + 1).join('');
      let initials = initialsOfWindow.get(window);
      if (initials === undefined) {
        initials = initialsInContext(window);
        if (initialsOfWindow.size >= MAX_CACHED_WINDOWS) initialsOfWindow.clear();
        initialsOfWindow.set(window, initials);
      }
      // Characters without an initial (rare symbols) would shift the positions: read the whole name then.
      if (initials.length !== Math.min(chars.length, i + CONTEXT + 1) - from) return initialsInContext(normalized);
      initial = initials[i - from] ?? '';
    }
    out += initial;
  }
  return out;
}

/** Pinyin initials of a name: 郑州宇通客车 → zzytkc (letters and digits kept as they are). */
export function pinyinInitials(name: string): string {
  const normalized = normalizeText(name);
  if (!normalized) return '';
  return initialsOfNormalized(normalized);
}

/** The initials exactly as pinyin-pro reads the whole name (the reference `pinyinInitials` must agree with). */
export function pinyinInitialsInContext(name: string): string {
  const normalized = normalizeText(name);
  return normalized ? initialsInContext(normalized) : '';
}

/** Every token written for a name. */
export function searchTokensFor(name: string): { tokens: string[]; initials: string } {
  const normalized = normalizeText(name);
  const initials = normalized ? initialsOfNormalized(normalized) : '';
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
