/**
 * One-off: builds data/industries-gbt4754-2017.json (GB/T 4754-2017 国民经济行业分类) from a
 * public transcription, see data/SOURCES.md:
 *
 *   git show 0b8f1ae480aadd9f35aca2fd0efb934e9a7101e8:src/utils/category.js   # github.com/zmshe/capital
 *     > /tmp/category.js
 *   npx tsx scripts/data/build-industries.ts /tmp/category.js
 *
 * Fixes applied to the transcription (each is logged):
 *  - names trimmed, ASCII parentheses written full-width as in the standard;
 *  - the row "374 飞机制造" (a 小类 mislabelled as level 3) becomes 小类 3741;
 *  - a 中类 that has a single 小类 (code ending in 0) is missing in the transcription;
 *    the standard gives such a 中类 the name of its only 小类, so it is added with that name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

type SourceRow = { class1: string; class2: string; class3: string; class4: string; level: string; name: string };
type Level = 'section' | 'division' | 'group' | 'class';
type Row = { code: string; level: Level; name: string; parent: string | null };

const file = process.argv[2];
if (!file) throw new Error('usage: build-industries.ts <category.js>');
const source = readFileSync(file, 'utf8').replace(/;\s*$/, '');
const rows = runInNewContext(`(${source})`) as SourceRow[];

const cleanName = (name: string): string => name.trim().replace(/\(/g, '（').replace(/\)/g, '）');
const out = new Map<string, Row>();
function add(row: Row): void {
  const existing = out.get(row.code);
  if (existing) throw new Error(`duplicate ${row.code}: ${existing.name} / ${row.name}`);
  out.set(row.code, row);
}

for (const r of rows) {
  const name = cleanName(r.name);
  const section = r.class1;
  if (r.level === '1') add({ code: section, level: 'section', name, parent: null });
  else if (r.level === '2') add({ code: section + r.class2, level: 'division', name, parent: section });
  else if (r.level === '3' && r.class3 === '374' && name === '飞机制造') {
    console.error('fix: 374 飞机制造 → 小类 3741');
    add({ code: 'C3741', level: 'class', name, parent: 'C374' });
  } else if (r.level === '3') add({ code: section + r.class3, level: 'group', name, parent: section + r.class2 });
  else if (r.level === '4') add({ code: section + r.class4, level: 'class', name, parent: section + r.class3 });
  else throw new Error(`unknown level ${r.level}`);
}

for (const row of [...out.values()]) {
  if (row.level !== 'class' || !row.parent || out.has(row.parent)) continue;
  if (!row.code.endsWith('0')) throw new Error(`missing 中类 ${row.parent} for ${row.code} that does not end in 0`);
  const division = row.parent.slice(0, 3);
  console.error(`fix: add 中类 ${row.parent} ${row.name} (single 小类 ${row.code})`);
  add({ code: row.parent, level: 'group', name: row.name, parent: division });
}

const order: Record<Level, number> = { section: 0, division: 1, group: 2, class: 3 };
const sorted = [...out.values()].sort((a, b) => {
  const ka = a.code.slice(1);
  const kb = b.code.slice(1);
  return a.code.charAt(0) === b.code.charAt(0) ? (ka < kb ? -1 : ka > kb ? 1 : order[a.level] - order[b.level]) : a.code < b.code ? -1 : 1;
});
for (const row of sorted) if (row.parent && !out.has(row.parent)) throw new Error(`orphan ${row.code}`);

const data = {
  standard: 'GB/T 4754-2017',
  version: 'industries@GBT4754-2017',
  source: 'transcription in github.com/zmshe/capital src/utils/category.js @0b8f1ae4, checked against github.com/qwer-of-div/1frontEnd; see data/SOURCES.md',
  items: sorted.map((r) => [r.code, r.name]),
};
const json = `{\n  "standard": ${JSON.stringify(data.standard)},\n  "version": ${JSON.stringify(data.version)},\n  "source": ${JSON.stringify(data.source)},\n  "fields": ["code", "name"],\n  "items": [\n${data.items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]\n}\n`;
writeFileSync(new URL('../../data/industries-gbt4754-2017.json', import.meta.url), json);
const counts = sorted.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.level]: (acc[r.level] ?? 0) + 1 }), {});
console.error(counts);
