/**
 * The peers the benchmark measures on the same data: json-logic-js (the reference),
 * json-rules-engine, and @gorules/zen-engine (policies translated to its expression language).
 * Each is timed on a sample of enterprises × all policies and returns its verdicts.
 */
import { ZenEngine } from '@gorules/zen-engine';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from 'json-rules-engine';
import type { Enterprise } from './generate.ts';

/** Verdicts of one peer on a sample: eligible[i][j] for sampled enterprise i and policy j. */
export interface PeerRun {
  name: string;
  ms: number;
  pairs: number;
  eligible: boolean[][];
}

function opOf(node: unknown): [string, unknown[]] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Error(`cannot translate ${JSON.stringify(node)}`);
  const [op] = Object.keys(node);
  if (op === undefined) throw new Error('empty rule');
  const raw: unknown = Reflect.get(node, op);
  return [op, Array.isArray(raw) ? raw : [raw]];
}

function varName(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const v: unknown = Reflect.get(node, 'var');
  return typeof v === 'string' ? v : undefined;
}

function ratioOf(node: unknown): [string, string] | undefined {
  try {
    const [op, args] = opOf(node);
    const a = varName(args[0]);
    const b = varName(args[1]);
    return op === '/' && a && b ? [a, b] : undefined;
  } catch {
    return undefined;
  }
}

function prefixOf(node: unknown): [string, string] | undefined {
  const [op, args] = opOf(node);
  if (op !== '==') return undefined;
  const [inner, prefix] = args;
  const [innerOp, innerArgs] = opOf(inner);
  const field = varName(innerArgs[0]);
  return innerOp === 'substr' && field && typeof prefix === 'string' ? [field, prefix] : undefined;
}

const REL: Record<string, string> = { '>=': 'greaterThanInclusive', '>': 'greaterThan', '<=': 'lessThanInclusive', '<': 'lessThan', '==': 'equal', '!=': 'notEqual' };

/** json-rules-engine's condition shape (its nested type is not exported). */
export type RulesEngineCondition =
  | { all: RulesEngineCondition[] }
  | { any: RulesEngineCondition[] }
  | { not: RulesEngineCondition }
  | { fact: string; operator: string; value: unknown };

/** A policy as json-rules-engine conditions; ratios read precomputed facts named `a/b`. */
export function toRulesEngine(node: unknown): RulesEngineCondition {
  const [op, args] = opOf(node);
  if (op === 'and') return { all: args.map(toRulesEngine) };
  if (op === 'or') return { any: args.map(toRulesEngine) };
  if (op === '!') return { not: toRulesEngine(args[0]) };
  if (op === 'var') return { fact: String(args[0]), operator: 'equal', value: true };
  if (op === 'in') return { fact: varName(args[1]) ?? '', operator: 'contains', value: args[0] };
  const prefix = prefixOf(node);
  if (prefix) return { fact: prefix[0], operator: 'startsWith', value: prefix[1] };
  if (args.length === 3) {
    const field = varName(args[1]) ?? '';
    const inclusive = op === '<=';
    return {
      all: [
        { fact: field, operator: inclusive ? 'greaterThanInclusive' : 'greaterThan', value: args[0] },
        { fact: field, operator: inclusive ? 'lessThanInclusive' : 'lessThan', value: args[2] },
      ],
    };
  }
  const ratio = ratioOf(args[0]);
  const fact = ratio ? `${ratio[0]}/${ratio[1]}` : varName(args[0]);
  const operator = REL[op];
  if (!fact || !operator) throw new Error(`cannot translate ${JSON.stringify(node)}`);
  return { fact, operator, value: args[1] };
}

const num = (name: string): string => `(${name} ?? 0)`;
const literal = (v: unknown): string => (typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : String(v));

/** A policy in zen-engine's expression language, with JsonLogic's null-as-0 and x/0 = ±Infinity. */
export function toZen(node: unknown): string {
  const [op, args] = opOf(node);
  if (op === 'and' || op === 'or') return `(${args.map(toZen).join(` ${op} `)})`;
  if (op === '!') return `not(${toZen(args[0])})`;
  if (op === 'var') return `(${String(args[0])} == true)`;
  if (op === 'in') return `(${literal(args[0])} in ${varName(args[1]) ?? ''})`;
  const prefix = prefixOf(node);
  if (prefix) return `startsWith(${prefix[0]}, ${literal(prefix[1])})`;
  if (args.length === 3) {
    const field = num(varName(args[1]) ?? '');
    return `(${literal(args[0])} ${op} ${field} and ${field} ${op} ${literal(args[2])})`;
  }
  const ratio = ratioOf(args[0]);
  if (ratio) {
    const [a, b] = [num(ratio[0]), num(ratio[1])];
    // zen's division by zero is not JsonLogic's ±Infinity/NaN: spell that case out
    const positive = op === '>' || op === '>=';
    return `(${b} == 0 ? (${a} > 0 ? ${positive} : ${a} < 0 ? ${!positive} : false) : ${a} / ${b} ${op} ${literal(args[1])})`;
  }
  const field = varName(args[0]);
  if (!field) throw new Error(`cannot translate ${JSON.stringify(node)}`);
  if (op === '==') return `(${field} == ${literal(args[1])})`;
  return `(${num(field)} ${op} ${literal(args[1])})`;
}

/** Policies are JSON objects; json-logic-js types them as RulesLogic. */
function isRulesLogic(rule: unknown): rule is RulesLogic {
  return typeof rule === 'object' && rule !== null;
}

/** json-logic-js on every sampled pair. */
export function runJsonLogic(rows: Enterprise[], policies: unknown[]): PeerRun {
  const start = performance.now();
  const logic = policies.filter(isRulesLogic);
  if (logic.length !== policies.length) throw new Error('every benchmark policy is a JsonLogic object');
  const eligible = rows.map((row) => logic.map((p) => jsonLogic.truthy(jsonLogic.apply(p, row))));
  return { name: 'json-logic-js 2.0.5', ms: performance.now() - start, pairs: rows.length * policies.length, eligible };
}

const RATIO_FACTS: Array<[string, string]> = [['rdExpenseWan', 'revenueWan'], ['taxWan', 'landMu'], ['energyTce', 'revenueWan']];

/** json-rules-engine with every policy in one engine, one run per enterprise. */
export async function runRulesEngine(rows: Enterprise[], policies: unknown[]): Promise<PeerRun> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator<string, string>('startsWith', (factValue, prefix) => typeof factValue === 'string' && factValue.startsWith(prefix));
  // json-rules-engine does not export its nested condition type, hence the one assertion
  policies.forEach((p, j) => engine.addRule({ conditions: { all: [toRulesEngine(p)] } as TopLevelCondition, event: { type: String(j) } }));
  const start = performance.now();
  const eligible: boolean[][] = [];
  for (const row of rows) {
    const facts: Record<string, unknown> = { ...row };
    for (const [a, b] of RATIO_FACTS) facts[`${a}/${b}`] = Number(row[a] ?? null) / Number(row[b] ?? null);
    const { events } = await engine.run(facts);
    const hit = new Array<boolean>(policies.length).fill(false);
    for (const e of events) hit[Number(e.type)] = true;
    eligible.push(hit);
  }
  return { name: 'json-rules-engine', ms: performance.now() - start, pairs: rows.length * policies.length, eligible };
}

/** zen-engine with one decision holding every policy as an expression, one call per enterprise. */
export async function runZen(rows: Enterprise[], policies: unknown[]): Promise<PeerRun> {
  const engine = new ZenEngine();
  const expressions = policies.map((p, j) => ({ id: `e${j}`, key: `p${j}`, value: toZen(p) }));
  const position = { x: 0, y: 0 };
  const decision = engine.createDecision({
    nodes: [
      { id: 'in', type: 'inputNode', name: 'in', position },
      { id: 'ex', type: 'expressionNode', name: 'policies', position, content: { expressions } },
      { id: 'out', type: 'outputNode', name: 'out', position },
    ],
    edges: [
      { id: 'a', sourceId: 'in', targetId: 'ex', type: 'edge' },
      { id: 'b', sourceId: 'ex', targetId: 'out', type: 'edge' },
    ],
  });
  const start = performance.now();
  const eligible: boolean[][] = [];
  for (const row of rows) {
    const response = await decision.evaluate(row);
    const result: unknown = response.result;
    eligible.push(policies.map((_, j) => typeof result === 'object' && result !== null && Reflect.get(result, `p${j}`) === true));
  }
  return { name: '@gorules/zen-engine', ms: performance.now() - start, pairs: rows.length * policies.length, eligible };
}
