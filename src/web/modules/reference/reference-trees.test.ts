import { describe, expect, it } from 'vitest';
import { buildTree, matchesTreeSearch } from './reference-trees.ts';

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
