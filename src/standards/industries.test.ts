import { describe, expect, it } from 'vitest';
import {
  getIndustry,
  industryAncestors,
  industryContains,
  industryLeaves,
  isIndustryCode,
  listIndustries,
  normalizeIndustryCode,
  resolveSizeGroup,
  sizeGroupOf,
} from './industries.ts';

describe('the GB/T 4754-2017 table', () => {
  it('has 20 门类 A–T, 97 大类 and 473 中类', () => {
    const sections = listIndustries({ level: 'section' });
    expect(sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(listIndustries({ level: 'division' })).toHaveLength(97);
    expect(listIndustries({ level: 'group' })).toHaveLength(473);
  });

  it('has 1381 小类 as tabulated (the 2017 announcement says 1380; see data/SOURCES.md)', () => {
    expect(listIndustries({ level: 'class' })).toHaveLength(1381);
  });

  it('contains the 2017 markers 11 开采专业及辅助性活动, 6591 呼叫中心 and 7251 互联网广告服务', () => {
    expect(getIndustry('B11')?.name).toBe('开采专业及辅助性活动');
    expect(getIndustry('I6591')?.name).toBe('呼叫中心');
    expect(getIndustry('L7251')?.name).toBe('互联网广告服务');
  });

  it('gives every code a parent one level up that exists, and every 中类 at least one 小类', () => {
    for (const i of listIndustries()) {
      if (i.level === 'section') expect(i.parent).toBeNull();
      else expect(getIndustry(i.parent ?? '')?.code).toBe(i.parent);
    }
    for (const g of listIndustries({ level: 'group' })) expect(listIndustries({ parent: g.code }).length).toBeGreaterThan(0);
  });

  it('keeps a 中类 with a single 小类 under both codes with the same name', () => {
    expect(getIndustry('C367')?.name).toBe('汽车零部件及配件制造');
    expect(getIndustry('C3670')?.name).toBe('汽车零部件及配件制造');
  });
});

describe('normalizeIndustryCode', () => {
  it('adds the section letter to bare digits at every level', () => {
    expect(normalizeIndustryCode('3670')).toBe('C3670');
    expect(normalizeIndustryCode('367')).toBe('C367');
    expect(normalizeIndustryCode('36')).toBe('C36');
    expect(normalizeIndustryCode('0111')).toBe('A0111');
    expect(normalizeIndustryCode('97')).toBe('T97');
  });

  it('accepts lower case, spaces and full-width characters', () => {
    expect(normalizeIndustryCode(' c 3670 ')).toBe('C3670');
    expect(normalizeIndustryCode('Ｃ３６７０')).toBe('C3670');
  });

  it('returns null for codes not in the 2017 table, or with the wrong letter', () => {
    expect(normalizeIndustryCode('C3699')).toBeNull();
    expect(normalizeIndustryCode('A3670')).toBeNull();
    expect(normalizeIndustryCode('98')).toBeNull();
    expect(normalizeIndustryCode('U')).toBeNull();
    expect(normalizeIndustryCode('')).toBeNull();
    expect(isIndustryCode('C36700')).toBe(false);
    expect(isIndustryCode('3670')).toBe(true);
  });
});

describe('industryAncestors and listIndustries', () => {
  it('lists the ancestors of a 小类 section first', () => {
    expect(industryAncestors('3670').map((i) => i.code)).toEqual(['C', 'C36', 'C367']);
    expect(industryAncestors('C')).toEqual([]);
    expect(industryAncestors('nope')).toEqual([]);
  });

  it('lists the direct children of a code, with or without its letter', () => {
    expect(listIndustries({ parent: 'C36' }).map((i) => i.code)).toEqual(['C361', 'C362', 'C363', 'C364', 'C365', 'C366', 'C367']);
    expect(listIndustries({ parent: '36' })).toHaveLength(7);
    expect(listIndustries({ parent: 'C', level: 'division' })).toHaveLength(31);
    expect(listIndustries({ parent: 'X' })).toEqual([]);
  });

  it('tells whether a code lies within another, at any level and with or without letters', () => {
    expect(industryContains('C36', '3670')).toBe(true);
    expect(industryContains('C', 'C3670')).toBe(true);
    expect(industryContains('C3670', 'C3670')).toBe(true);
    expect(industryContains('C37', 'C3670')).toBe(false);
    expect(industryContains('C3670', 'C36')).toBe(false);
    expect(industryContains('C99', 'C3670')).toBe(false);
  });

  it('lists the 小类 below a code', () => {
    expect(industryLeaves('C367').map((i) => i.code)).toEqual(['C3670']);
    expect(industryLeaves('G59').map((i) => i.code)).toContain('G5910');
  });
});

describe('sizeGroupOf (国统字〔2017〕213号 scope)', () => {
  it.each([
    ['A0111', 'agriculture'],
    ['A05', 'agriculture'],
    ['B11', 'industry'],
    ['C3670', 'industry'],
    ['D4411', 'industry'],
    ['E', 'construction'],
    ['F51', 'wholesale'],
    ['F5211', 'retail'],
    ['G54', 'transport'],
    ['G58', 'transport'],
    ['G5910', 'transport'],
    ['G5920', 'warehousing'],
    ['G599', 'warehousing'],
    ['G60', 'postal'],
    ['H61', 'accommodation'],
    ['H62', 'catering'],
    ['I63', 'information-transmission'],
    ['I64', 'information-transmission'],
    ['I6591', 'software-it'],
    ['K7010', 'real-estate-development'],
    ['K702', 'property-management'],
    ['K7030', 'other'],
    ['K7090', 'other'],
    ['L', 'leasing-business-services'],
    ['L7251', 'leasing-business-services'],
    ['M', 'other'],
    ['N77', 'other'],
    ['O', 'other'],
    ['Q85', 'other'],
    ['R', 'other'],
  ])('puts %s in %s', (code, group) => {
    expect(sizeGroupOf(code)).toBe(group);
  });

  it.each(['G53', 'J', 'K7040', 'P', 'Q84', 'S', 'T'])('says the standard does not cover %s', (code) => {
    expect(resolveSizeGroup(code)).toEqual({ group: null, reason: 'industry-not-covered' });
  });

  it.each(['F', 'G', 'G59', 'H', 'I', 'K', 'K70', 'Q'])('says %s spans several groups', (code) => {
    expect(resolveSizeGroup(code)).toEqual({ group: null, reason: 'industry-too-general' });
  });

  it('says an unknown code is unknown', () => {
    expect(resolveSizeGroup('Z1')).toEqual({ group: null, reason: 'unknown-industry' });
  });
});
