/**
 * Rules engine benchmark: `npm run bench:rules -- --enterprises N --policies M [--json]`.
 * Generates a deterministic city, matches every policy against every enterprise with our
 * engine (both cores), measures the peers on a sample of the same pairs, checks that every
 * engine finds the same eligible pairs there, and prints a table (and a JSON last line).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { compileRule, createMatcher, createSnapshot, hasBit } from '../../src/rules/index.ts';
import type { Bitset } from '../../src/rules/index.ts';
import { codeIndexBytes } from '../../src/rules/columnar/code-index.ts';
import { indexBytes } from '../../src/rules/columnar/number-index.ts';
import { createParallelMatch } from '../../src/rules/parallel.ts';
import { createRandom, enterpriseSchema, generateEnterprise, generatePolicies, generatePolicy, streamEnterprises } from './generate.ts';
import { runJsonLogic, runRulesEngine, runZen } from './peers.ts';
import type { PeerRun } from './peers.ts';

const { values: options } = parseArgs({
  args: process.argv.slice(2),
  options: {
    enterprises: { type: 'string', default: '100000' },
    policies: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
  },
});
const N = Number(options.enterprises);
const M = Number(options.policies);
if (!Number.isInteger(N) || N < 64 || !Number.isInteger(M) || M < 1) {
  console.error('usage: bench-rules --enterprises N (>= 64) --policies M [--json] [--workers 2]');
  process.exit(2);
}
const say = (text: string): void => console.log(text);
const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number): string => (ms < 1 ? ms.toFixed(4) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));
const rate = (pairs: number, ms: number): number => (pairs / ms) * 1000;
const mega = (perSec: number): string => `${(perSec / 1e6).toFixed(perSec < 1e7 ? 3 : 1)} M`;

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
say(`rules benchmark: ${N.toLocaleString('en')} enterprises × ${M.toLocaleString('en')} policies (node ${process.version}, ${availableParallelism()} cores, load average ${load()})`);
const policies = generatePolicies(M);
// enterprises stream into the snapshot as from a database cursor: a million row objects in the JS
// heap would make every full GC slow; the peers' samples are read back from the snapshot
const [snapshot, genMs] = await time(() => createSnapshot(enterpriseSchema, streamEnterprises(N), { shared: true, capacity: N }));
const rowAt = (i: number): Record<string, unknown> => snapshot.row(i);
const matcher = createMatcher(snapshot);
const [, compileMs] = await time(() => policies.forEach((p, j) => matcher.addRule(String(j), p)));
say(`generated and loaded into the snapshot in ${fmt(genMs)} ms; ${M} policies compiled in ${fmt(compileMs)} ms`);

// single thread: the first run builds the number indexes, the second starts from an empty condition cache
const [, singleColdMs] = await time(() => matcher.matchAll());
const singleRuns: number[] = [];
for (let k = 0; k < 3; k += 1) {
  matcher.executor.clear();
  singleRuns.push((await time(() => matcher.matchAll()))[1]);
}
const singleMs = median(singleRuns);

const parallel = createParallelMatch(matcher, { workers: Number(options.workers) });
const [, parallelColdMs] = await time(() => parallel.matchAll());
const coldCache: number[] = [];
for (let k = 0; k < 5; k += 1) coldCache.push((await time(() => parallel.matchAll({ clearCache: true })))[1]);
const fullMatchMs = median(coldCache);
const cached: number[] = [];
const changeRandom = createRandom(77);
let results = new Map<string, Bitset>();
for (let k = 0; k < 3; k += 1) {
  const row = Math.floor(changeRandom() * N);
  snapshot.update(row, rowAt(Math.floor(changeRandom() * N)));
  const [r, ms] = await time(() => parallel.matchAll());
  results = r;
  cached.push(ms);
}
const cachedMs = median(cached);

// the parallel result must equal a single-threaded match of the same (updated) snapshot
const [check] = await time(() => matcher.matchAll());
let threadMismatches = 0;
let eligiblePairs = 0;
for (const [id, bits] of results) {
  const other = check.get(id);
  for (let w = 0; w < bits.length; w += 1) {
    const word = bits[w] ?? 0;
    if (word !== (other?.[w] ?? 0)) threadMismatches += 1;
    let v = word;
    while (v !== 0) {
      v &= v - 1;
      eligiblePairs += 1;
    }
  }
}

// peers on strided samples of enterprises × all policies
const sampleOf = (count: number): number[] => {
  const n = Math.max(1, Math.min(N, count));
  const step = N / n;
  return Array.from({ length: n }, (_, i) => Math.floor(i * step));
};
const compare = (run: PeerRun, sample: number[]): number => {
  let disagreements = 0;
  sample.forEach((row, i) => {
    policies.forEach((_, j) => {
      const ours = hasBit(results.get(String(j)) ?? new Uint32Array(0), row);
      if (ours !== run.eligible[i]?.[j]) disagreements += 1;
    });
  });
  return disagreements;
};
const peerSpecs: Array<{ run: (rs: Array<Record<string, unknown>>) => PeerRun | Promise<PeerRun>; pairs: number }> = [
  { run: (rs) => runJsonLogic(rs, policies), pairs: 1_500_000 },
  { run: (rs) => runRulesEngine(rs, policies), pairs: 150_000 },
  { run: (rs) => runZen(rs, policies), pairs: 300_000 },
];
const peers: Array<PeerRun & { sample: number[]; disagreements: number; sampled: boolean }> = [];
for (const spec of peerSpecs) {
  const sample = sampleOf(Math.ceil(spec.pairs / M));
  const warm = sample.slice(0, Math.max(1, Math.floor(sample.length / 10)));
  await spec.run(warm.map(rowAt));
  const run = await spec.run(sample.map(rowAt));
  peers.push({ ...run, sample, disagreements: compare(run, sample), sampled: sample.length < N });
}
// our own per-row closures, on the json-logic-js sample
const closures = policies.map((p) => compileRule(p));
const jlSample = peers[0]?.sample ?? [];
let closureDisagreements = 0;
jlSample.forEach((row, i) => closures.forEach((fn, j) => {
  const v = fn(rowAt(row));
  const ok = Array.isArray(v) ? v.length > 0 : !!v;
  if (ok !== peers[0]?.eligible[i]?.[j]) closureDisagreements += 1;
}));

// one changed enterprise re-matched against every policy (snapshot update + per-row closures)
const changed = createRandom(99);
const enterpriseChange = (): void => {
  const row = Math.floor(changed() * N);
  snapshot.update(row, generateEnterprise(changed));
  matcher.matchRow(row);
};
for (let k = 0; k < 5000; k += 1) enterpriseChange();
const changeTimes: number[] = [];
for (let k = 0; k < 2000; k += 1) {
  const start = performance.now();
  enterpriseChange();
  changeTimes.push(performance.now() - start);
}
changeTimes.sort((a, b) => a - b);
// the median is the latency a single change sees; the mean also carries GC pauses (see p99)
const enterpriseChangeMs = changeTimes[1000] ?? NaN;
const changeMeanMs = changeTimes.reduce((a, b) => a + b, 0) / changeTimes.length;
const changeP99Ms = changeTimes[1980] ?? NaN;

// one new policy against every enterprise (compile, lower, evaluate this rule only)
const extra = createRandom(4103);
const newPolicies = Array.from({ length: 30 }, () => generatePolicy(extra));
newPolicies.slice(0, 10).forEach((p, k) => matcher.addRule(`warm-${k}`, p));
const newPolicyTimes: number[] = [];
for (const [k, p] of newPolicies.slice(10).entries()) newPolicyTimes.push((await time(() => matcher.addRule(`new-${k}`, p)))[1]);
const newPolicyMs = newPolicyTimes.reduce((a, b) => a + b, 0) / newPolicyTimes.length;
await parallel.close();

const snapshotMb = (snapshot.byteSize() + indexBytes(snapshot) + codeIndexBytes(snapshot)) / 1e6;
const pairs = N * M;
const enginePairsPerSec = rate(pairs, fullMatchMs);
say('');
say(`eligible pairs: ${eligiblePairs.toLocaleString('en')} of ${pairs.toLocaleString('en')}; parallel vs single-thread mismatched words: ${threadMismatches}`);
say(`snapshot: ${(snapshot.byteSize() / 1e6).toFixed(1)} MB of columns + ${(indexBytes(snapshot) / 1e6).toFixed(1)} MB of number indexes + ${(codeIndexBytes(snapshot) / 1e6).toFixed(1)} MB of per-code bitsets = ${snapshotMb.toFixed(1)} MB`);
say('');
say('| engine | full match ms | pairs/s | measured on | disagreements with ours |');
say('|---|---|---|---|---|');
say(`| gaodi rules, ${options.workers} workers, cold condition cache, median of 5 (headline) | ${fmt(fullMatchMs)} | ${mega(enginePairsPerSec)} | all ${pairs.toLocaleString('en')} pairs | – |`);
say(`| gaodi rules, ${options.workers} workers, shared conditions cached, 1 firm changed | ${fmt(cachedMs)} | ${mega(rate(pairs, cachedMs))} | all pairs | – |`);
say(`| gaodi rules, ${options.workers} workers, first run (spawn, indexes) | ${fmt(parallelColdMs)} | ${mega(rate(pairs, parallelColdMs))} | all pairs | – |`);
say(`| gaodi rules, 1 thread, cold condition cache, median of 3 | ${fmt(singleMs)} | ${mega(rate(pairs, singleMs))} | all pairs | ${threadMismatches} words |`);
say(`| gaodi rules, 1 thread, first run (builds indexes) | ${fmt(singleColdMs)} | ${mega(rate(pairs, singleColdMs))} | all pairs | – |`);
for (const p of peers) {
  const extrapolated = (p.ms / p.pairs) * pairs;
  say(`| ${p.name} | ${fmt(extrapolated)} (extrapolated) | ${mega(rate(p.pairs, p.ms))} | sample: ${p.sample.length.toLocaleString('en')} firms × ${M} = ${p.pairs.toLocaleString('en')} pairs | ${p.disagreements} |`);
}
say(`| gaodi per-row closures vs json-logic-js | – | – | the json-logic-js sample | ${closureDisagreements} |`);
say('');
const jl = peers[0];
const zen = peers[2];
say(`speed-up over json-logic-js: ${jl ? (enginePairsPerSec / rate(jl.pairs, jl.ms)).toFixed(0) : '?'}×; over zen-engine: ${zen ? (enginePairsPerSec / rate(zen.pairs, zen.ms)).toFixed(0) : '?'}×`);
say(`one changed enterprise vs ${M} policies (snapshot.update + matchRow, 2000 changes): median ${fmt(enterpriseChangeMs)} ms, mean ${fmt(changeMeanMs)} ms, p99 ${fmt(changeP99Ms)} ms`);
say(`one new policy vs ${N.toLocaleString('en')} enterprises: ${fmt(newPolicyMs)} ms (mean of 20, compile + evaluate)`);
say(`load average at the end: ${load()} (other processes on the machine slow the two-worker match most)`);
say('peers are timed on the samples above and extrapolated to all pairs; zen-engine differs from JsonLogic on edge cases (division by zero), so its translation spells them out');
if (options.json) {
  console.log(
    JSON.stringify({
      enterprises: N,
      policies: M,
      engine: { fullMatchMs: Number(fmt(fullMatchMs)), pairsPerSec: Math.round(enginePairsPerSec), snapshotMb: Number(snapshotMb.toFixed(1)) },
      peers: peers.map((p) => ({ name: p.name, pairsPerSec: Math.round(rate(p.pairs, p.ms)), sampled: p.sampled })),
      enterpriseChangeMs: Number(enterpriseChangeMs.toFixed(4)),
      newPolicyMs: Number(newPolicyMs.toFixed(2)),
    }),
  );
}
