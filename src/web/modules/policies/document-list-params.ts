/**
 * The URL state of the 政策文件 list: a search over title and 文号, a level, and the page, so that a
 * reload or a shared link shows the same list. The list is every document the caller may see, so it
 * is filtered here rather than by the server.
 */
import type { PolicyDocumentSummary } from './authoring-types.ts';

type Level = PolicyDocumentSummary['level'];

export const DOCUMENT_LEVELS = ['national', 'province', 'city', 'district'] as const satisfies readonly Level[];
export const DOCUMENT_PAGE_SIZES = [20, 50, 100] as const;

export type DocumentListState = { q: string; level: Level | null; page: number; pageSize: number };

export const DEFAULT_DOCUMENT_LIST: DocumentListState = { q: '', level: null, page: 1, pageSize: 20 };

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

function isLevel(value: string | null): value is Level {
  return (DOCUMENT_LEVELS as readonly (string | null)[]).includes(value);
}

/** Reads the state from search params; anything malformed falls back to its default. */
export function parseDocumentListParams(params: URLSearchParams): DocumentListState {
  const level = params.get('level');
  const size = positiveInt(params.get('pageSize'));
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    level: isLevel(level) ? level : null,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size !== null && (DOCUMENT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_DOCUMENT_LIST.pageSize,
  };
}

/** Writes the state as search params, leaving defaults out. */
export function toDocumentListParams(state: DocumentListState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.q) out.set('q', state.q);
  if (state.level) out.set('level', state.level);
  if (state.page !== 1) out.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_DOCUMENT_LIST.pageSize) out.set('pageSize', String(state.pageSize));
  return out;
}

// 文号 are typed with 〔〕, [] or () for the year and with or without spaces; compare without them.
const normalize = (text: string): string => text.toLowerCase().replace(/[\s〔〕［］[\]()（）]/g, '');

/** The documents whose title or 文号 contains the search (case, spaces and year brackets ignored) at the chosen level. */
export function filterDocuments<D extends Pick<PolicyDocumentSummary, 'title' | 'documentNumber' | 'level'>>(documents: readonly D[], state: Pick<DocumentListState, 'q' | 'level'>): D[] {
  const q = normalize(state.q);
  return documents.filter(
    (d) => (state.level === null || d.level === state.level) && (q === '' || normalize(d.title).includes(q) || normalize(d.documentNumber ?? '').includes(q)),
  );
}
