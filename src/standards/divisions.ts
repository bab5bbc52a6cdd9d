/**
 * GB/T 2260 administrative divisions of 郑州市 down to streets and towns, in the 6/9-digit
 * codes of the NBS 统计用区划代码 (as of 2023-06-30, data/divisions-zhengzhou.json), and
 * Gaodi's jurisdictions: sets of division subtrees (data/jurisdictions-zhengzhou.json).
 */
import divisionTable from '../../data/divisions-zhengzhou.json' with { type: 'json' };
import jurisdictionTable from '../../data/jurisdictions-zhengzhou.json' with { type: 'json' };

export const DIVISIONS_VERSION = 'divisions@NBS-2023-06-30' as const;

export const DIVISION_LEVELS = ['province', 'city', 'county', 'township'] as const;
/** 省级 province, 地级 city, 县级 county (incl. districts and functional zones with codes), 乡级 township (streets, towns). */
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export type Division = {
  /** 6-digit (province, city, county) or 9-digit (township) code. */
  code: string;
  name: string;
  level: DivisionLevel;
  parent: string | null;
};

function levelOf(code: string): DivisionLevel | null {
  if (/^\d{9}$/.test(code)) return 'township';
  if (!/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

function parentOf(code: string, level: DivisionLevel): string | null {
  switch (level) {
    case 'province':
      return null;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'township':
      return code.slice(0, 6);
  }
}

/** The string prefix shared by every code in a division's subtree: `410000` → `41`, `410100` → `4101`. */
function subtreePrefix(code: string, level: DivisionLevel): string {
  if (level === 'province') return code.slice(0, 2);
  if (level === 'city') return code.slice(0, 4);
  return code;
}

const DIVISIONS: readonly Division[] = divisionTable.items.map(([code, name]) => {
  const level = code === undefined ? null : levelOf(code);
  if (code === undefined || name === undefined || level === null) throw new Error('divisions data: malformed item');
  return Object.freeze({ code, name, level, parent: parentOf(code, level) });
});
const BY_CODE = new Map(DIVISIONS.map((d) => [d.code, d]));

/**
 * Canonical form of a GB/T 2260 / NBS division code: digits only, half-width; 2- and 4-digit
 * codes padded to 6 (`4101` → `410100`), 12-digit township codes ending in 000 cut to 9.
 * Returns `null` when the input is not shaped like a division code (existence is not checked).
 */
export function normalizeDivisionCode(input: string): string | null {
  const s = input.replace(/[\uff10-\uff19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  if (!/^\d+$/.test(s)) return null;
  if (s.length === 2 || s.length === 4) return s.padEnd(6, '0');
  if (s.length === 12 && s.endsWith('000')) return s.slice(0, 9);
  if (s.length === 6 || s.length === 9 || s.length === 12) return s;
  return null;
}

/** Looks up a division of 郑州市 (or 河南省 itself) by its GB/T 2260 / NBS code. */
export function getDivision(code: string): Division | undefined {
  const canonical = normalizeDivisionCode(code);
  return canonical === null ? undefined : BY_CODE.get(canonical);
}

/** True when `code` is a division in Gaodi's table of 郑州市 (NBS 2023-06-30). */
export function isDivisionCode(code: string): boolean {
  return getDivision(code) !== undefined;
}

/** Lists divisions of 郑州市 in code order, optionally only the direct children of `parentCode` and/or one level. */
export function listDivisions(options: { parentCode?: string; level?: DivisionLevel } = {}): Division[] {
  let list: readonly Division[] = DIVISIONS;
  if (options.parentCode !== undefined) {
    const parent = normalizeDivisionCode(options.parentCode);
    list = parent === null ? [] : DIVISIONS.filter((d) => d.parent === parent);
  }
  return options.level ? list.filter((d) => d.level === options.level) : [...list];
}

/** The ancestors of a division, province first, without the division itself (`410105560` → [410000, 410100, 410105]). */
export function divisionAncestors(code: string): Division[] {
  const out: Division[] = [];
  let current = getDivision(code);
  while (current?.parent) {
    const parent = BY_CODE.get(current.parent);
    if (!parent) break;
    out.unshift(parent);
    current = parent;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Jurisdictions

export type JurisdictionKind = 'province' | 'city' | 'district' | 'functional-zone' | 'township';

export type Jurisdiction = {
  /** A division code, or a Gaodi-local code such as `410100-ZD` (郑东新区) that is never a GB/T 2260 code. */
  code: string;
  name: string;
  kind: JurisdictionKind;
  /** A division code belongs to the jurisdiction when it starts with one of these… */
  divisionPrefixes: string[];
  /** …and with none of these (streets a district files but another body administers). */
  excludedPrefixes: string[];
};

const KIND_OF_LEVEL: Record<DivisionLevel, JurisdictionKind> = { province: 'province', city: 'city', county: 'district', township: 'township' };

function prefixesOf(codes: readonly string[], where: string): string[] {
  return codes.map((code) => {
    const division = BY_CODE.get(code);
    if (!division) throw new Error(`jurisdictions data: ${where} refers to unknown division ${code}`);
    return subtreePrefix(division.code, division.level);
  });
}

const JURISDICTIONS = new Map<string, Jurisdiction>(
  jurisdictionTable.items.map((item) => {
    const kind: JurisdictionKind = item.kind === 'functional-zone' ? 'functional-zone' : 'district';
    const excluded = ('excludedDivisionCodes' in item ? item.excludedDivisionCodes : undefined) ?? [];
    const jurisdiction: Jurisdiction = {
      code: item.code,
      name: item.name,
      kind,
      divisionPrefixes: prefixesOf(item.divisionCodes, item.code),
      excludedPrefixes: prefixesOf(excluded, item.code),
    };
    return [item.code, Object.freeze(jurisdiction)];
  }),
);

/**
 * A jurisdiction by code: an entry of data/jurisdictions-zhengzhou.json (郑东新区 `410100-ZD`, the
 * development zones, 金水区 and 管城回族区 without 郑东新区's streets), else any division of
 * 郑州市 as the jurisdiction over its own subtree (the city `410100` covers every `4101…` code).
 */
export function getJurisdiction(code: string): Jurisdiction | undefined {
  const trimmed = code.trim().toUpperCase();
  const listed = JURISDICTIONS.get(trimmed);
  if (listed) return listed;
  const division = getDivision(trimmed);
  if (!division) return undefined;
  return JURISDICTIONS.get(division.code) ?? {
    code: division.code,
    name: division.name,
    kind: KIND_OF_LEVEL[division.level],
    divisionPrefixes: [subtreePrefix(division.code, division.level)],
    excludedPrefixes: [],
  };
}

/** The jurisdictions an official can be bound to above street level: the city, its 15 county-level units and 郑东新区. */
export function listJurisdictions(): Jurisdiction[] {
  const codes = ['410100', ...listDivisions({ parentCode: '410100' }).map((d) => d.code), ...[...JURISDICTIONS.keys()].filter((c) => !BY_CODE.has(c))];
  return codes.map((c) => getJurisdiction(c)).filter((j): j is Jurisdiction => j !== undefined);
}

/**
 * Whether a division code (6, 9 or 12 digits; it need not be in the table) lies in a
 * jurisdiction: it starts with one of the jurisdiction's prefixes and with none of its exclusions.
 */
export function jurisdictionContains(jurisdictionCode: string, divisionCode: string): boolean {
  const jurisdiction = getJurisdiction(jurisdictionCode);
  const code = normalizeDivisionCode(divisionCode);
  if (!jurisdiction || code === null) return false;
  return jurisdiction.divisionPrefixes.some((p) => code.startsWith(p)) && !jurisdiction.excludedPrefixes.some((p) => code.startsWith(p));
}
