import { describe, expect, it } from 'vitest';
import { buildTree, matchesTreeSearch, withZones } from './reference-trees.ts';

describe('buildTree', () => {
  it('nests divisions under their parents and keeps orphans as roots', () => {
    const tree = buildTree([
      { code: '410100', name: '郑州市', parentCode: '410000' },
      { code: '410105', name: '金水区', parentCode: '410100' },
      { code: '410105001', name: '经八路街道', parentCode: '410105' },
      { code: '410102', name: '中原区', parentCode: '410100' },
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.title).toBe('郑州市');
    expect(tree[0]?.children?.map((c) => c.title)).toEqual(['金水区', '中原区']);
    expect(tree[0]?.children?.[0]?.children?.[0]?.value).toBe('410105001');
  });

  it('prefixes industry titles with their codes', () => {
    const tree = buildTree(
      [
        { code: 'C', name: '制造业', parentCode: null },
        { code: 'C36', name: '汽车制造业', parentCode: 'C' },
      ],
      { withCode: true },
    );
    expect(tree[0]?.children?.[0]).toMatchObject({ value: 'C36', title: 'C36 汽车制造业', label: '汽车制造业' });
  });
});

describe('buildTree selectable', () => {
  it('keeps unselectable levels to navigate but marks them', () => {
    const tree = buildTree(
      [
        { code: '410100', name: '郑州市', parentCode: null, level: 'city' },
        { code: '410105', name: '金水区', parentCode: '410100', level: 'county' },
      ],
      { isSelectable: (d) => d.level !== 'city' },
    );
    expect(tree[0]?.selectable).toBe(false);
    expect(tree[0]?.children?.[0]?.selectable).toBeUndefined();
  });
});

describe('matchesTreeSearch', () => {
  it('finds by code prefix or part of the name', () => {
    expect(matchesTreeSearch('c36', { value: 'C3670', title: 'C3670 汽车零部件及配件制造' })).toBe(true);
    expect(matchesTreeSearch('零部件', { value: 'C3670', title: 'C3670 汽车零部件及配件制造' })).toBe(true);
    expect(matchesTreeSearch('铝', { value: 'C3670', title: 'C3670 汽车零部件及配件制造' })).toBe(false);
  });
});

describe('withZones', () => {
  const tree = buildTree([
    { code: '410100', name: '郑州市', parentCode: null },
    { code: '410105', name: '金水区', parentCode: '410100' },
    { code: '410173', name: '郑州航空港经济综合实验区', parentCode: '410100' },
  ]);
  const zones = [
    { code: '410100-ZD', name: '郑东新区' },
    { code: '410173', name: '郑州航空港经济综合实验区' },
  ];

  it('adds the zones that are not divisions under their city, once', () => {
    const out = withZones(tree, zones, (name) => `${name}（功能区）`);
    const city = out[0];
    expect(city?.children?.map((c) => c.value)).toEqual(['410105', '410173', '410100-ZD']);
    expect(city?.children?.at(-1)).toEqual({ value: '410100-ZD', title: '郑东新区（功能区）', label: '郑东新区' });
  });

  it('leaves the tree as it is when every zone is a division', () => {
    expect(withZones(tree, [{ code: '410105', name: '金水区' }], (n) => n)).toEqual(tree);
  });
});
