import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  divisionAncestors,
  getDivision,
  getJurisdiction,
  isDivisionCode,
  jurisdictionContains,
  listDivisions,
  listJurisdictions,
  normalizeDivisionCode,
} from './divisions.ts';

const ZHENGDONG_STREETS = ['410105560', '410105561', '410105562', '410105563', '410105564', '410104570'];

describe('the divisions of 郑州市 (NBS 2023-06-30)', () => {
  it('has 河南省 and 郑州市 at the top', () => {
    expect(getDivision('410000')).toEqual({ code: '410000', name: '河南省', level: 'province', parent: null });
    expect(getDivision('410100')).toEqual({ code: '410100', name: '郑州市', level: 'city', parent: '410000' });
  });

  it('has 15 county-level units including the three zones with codes of their own', () => {
    const counties = listDivisions({ parentCode: '410100' });
    expect(counties).toHaveLength(15);
    expect(counties.every((d) => d.level === 'county')).toBe(true);
    expect(counties.map((d) => d.code)).toEqual(expect.arrayContaining(['410102', '410105', '410122', '410171', '410172', '410173', '410185']));
    expect(getDivision('410173')?.name).toBe('郑州航空港经济综合实验区');
  });

  it('has 208 street and town units, each under one of the 15', () => {
    const townships = listDivisions({ level: 'township' });
    expect(townships).toHaveLength(208);
    const counties = new Set(listDivisions({ level: 'county' }).map((d) => d.code));
    expect(townships.every((t) => t.parent !== null && counties.has(t.parent))).toBe(true);
    expect(listDivisions({ parentCode: '410105' })).toHaveLength(24);
  });

  it('lists the ancestors of a street, province first', () => {
    expect(divisionAncestors('410105562').map((d) => d.code)).toEqual(['410000', '410100', '410105']);
    expect(divisionAncestors('410000')).toEqual([]);
  });

  it('normalises 4-digit, 12-digit and full-width codes', () => {
    expect(normalizeDivisionCode('4101')).toBe('410100');
    expect(normalizeDivisionCode('410105562000')).toBe('410105562');
    expect(normalizeDivisionCode('４１０１０５')).toBe('410105');
    expect(normalizeDivisionCode('41010')).toBeNull();
    expect(normalizeDivisionCode('41010x')).toBeNull();
    expect(getDivision('410105562000')?.name).toBe('龙湖街道');
  });

  it('knows only codes of the table', () => {
    expect(isDivisionCode('410105001')).toBe(true);
    expect(isDivisionCode('410107')).toBe(false);
    expect(isDivisionCode('110101')).toBe(false);
  });
});

describe('jurisdictions', () => {
  it('makes 郑东新区 a jurisdiction over its six streets filed under 金水区 and 管城区', () => {
    const zd = getJurisdiction('410100-ZD');
    expect(zd).toMatchObject({ code: '410100-ZD', name: '郑东新区', kind: 'functional-zone' });
    expect([...(zd?.divisionPrefixes ?? [])].sort()).toEqual([...ZHENGDONG_STREETS].sort());
    for (const street of ZHENGDONG_STREETS) expect(jurisdictionContains('410100-ZD', street)).toBe(true);
    expect(jurisdictionContains('410100-ZD', '410105562001')).toBe(true);
  });

  it('keeps the rest of 金水区 and 管城区 out of 郑东新区', () => {
    expect(jurisdictionContains('410100-ZD', '410105001')).toBe(false);
    expect(jurisdictionContains('410100-ZD', '410104001')).toBe(false);
    expect(jurisdictionContains('410100-ZD', '410105')).toBe(false);
  });

  it('gives 金水区 its subtree without the streets 郑东新区 administers', () => {
    expect(jurisdictionContains('410105', '410105001')).toBe(true);
    expect(jurisdictionContains('410105', '410105')).toBe(true);
    expect(jurisdictionContains('410105', '410105560')).toBe(false);
    expect(jurisdictionContains('410104', '410104570')).toBe(false);
    expect(jurisdictionContains('410104', '410104202')).toBe(true);
  });

  it('gives a plain district its own subtree and nothing else', () => {
    expect(getJurisdiction('410102')).toEqual({ code: '410102', name: '中原区', kind: 'district', divisionPrefixes: ['410102'], excludedPrefixes: [] });
    expect(jurisdictionContains('410102', '410102001')).toBe(true);
    expect(jurisdictionContains('410102', '410103001')).toBe(false);
  });

  it('gives the development zones their NBS subtrees', () => {
    expect(getJurisdiction('410172')).toMatchObject({ kind: 'functional-zone', divisionPrefixes: ['410172'] });
    expect(jurisdictionContains('410173', '410173400')).toBe(true);
    expect(jurisdictionContains('410171', '410173400')).toBe(false);
  });

  it('gives the city every 4101 code, 郑东新区 included, and nothing outside', () => {
    expect(getJurisdiction('410100')?.divisionPrefixes).toEqual(['4101']);
    expect(jurisdictionContains('410100', '410105560')).toBe(true);
    expect(jurisdictionContains('410100', '410185001')).toBe(true);
    expect(jurisdictionContains('410100', '410200')).toBe(false);
    expect(jurisdictionContains('410100', '410000')).toBe(false);
  });

  it('makes a street a jurisdiction over itself', () => {
    expect(getJurisdiction('410105001')).toMatchObject({ kind: 'township', divisionPrefixes: ['410105001'] });
    expect(jurisdictionContains('410105001', '410105001002')).toBe(true);
    expect(jurisdictionContains('410105001', '410105002')).toBe(false);
  });

  it('answers false and undefined for unknown codes', () => {
    expect(getJurisdiction('410100-XX')).toBeUndefined();
    expect(getJurisdiction('110101')).toBeUndefined();
    expect(jurisdictionContains('nope', '410105001')).toBe(false);
    expect(jurisdictionContains('410105', 'garbage')).toBe(false);
  });

  it('lists the city, the 15 county-level units and 郑东新区 as bindable jurisdictions', () => {
    const list = listJurisdictions();
    expect(list).toHaveLength(17);
    expect(list.map((j) => j.code)).toEqual(expect.arrayContaining(['410100', '410105', '410171', '410100-ZD']));
  });
});

describe('data/geo/zhengzhou-districts.geojson', () => {
  it('has one feature per district or county of the table, keyed by its code and named alike', () => {
    const geo = JSON.parse(readFileSync(new URL('../../data/geo/zhengzhou-districts.geojson', import.meta.url), 'utf8')) as {
      features: { id: string; properties: { name: string } }[];
    };
    expect(geo.features).toHaveLength(12);
    for (const f of geo.features) {
      expect(getDivision(f.id)).toMatchObject({ level: 'county', parent: '410100', name: f.properties.name });
    }
  });
});
