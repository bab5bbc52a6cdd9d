/**
 * `gaodi classify`: reads JSON lines on stdin, each an enterprise profile such as
 * `{"industryCode":"C3670","employees":300,"revenueWan":2000,"assetsWan":5000,"mainBusinessRevenueWan":2000,"legalEntity":true}`,
 * and writes one JSON line each: `{"sizeClass","aboveScale","reason"?,"message"?}` (sme-size@2011,
 * above-scale@2011). A bad line yields `sizeClass: null, aboveScale: false` with a reason and never stops the stream.
 */
import { createInterface } from 'node:readline';
import { classifyEnterprise } from '../../standards/index.ts';

type ClassifyOutput = { sizeClass: string | null; aboveScale: boolean; reason?: string; message?: string };

const NUMBER_FIELDS = ['employees', 'revenueWan', 'assetsWan', 'mainBusinessRevenueWan'] as const;

function bad(reason: string, message: string): ClassifyOutput {
  return { sizeClass: null, aboveScale: false, reason, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Classifies one JSON line; never throws. */
export function classifyLine(line: string): ClassifyOutput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return bad('invalid-json', 'not a JSON value / 不是有效的 JSON');
  }
  if (!isRecord(parsed)) return bad('invalid-profile', 'expected a JSON object / 应为 JSON 对象');
  const { industryCode, legalEntity } = parsed;
  if (typeof industryCode !== 'string' || industryCode.trim() === '') {
    return bad('invalid-profile', 'industryCode must be a non-empty string / industryCode 应为行业代码字符串');
  }
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const value = parsed[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return bad('invalid-profile', `${field} must be a non-negative number / ${field} 应为非负数`);
    }
    numbers[field] = value;
  }
  if (legalEntity !== undefined && legalEntity !== null && typeof legalEntity !== 'boolean') {
    return bad('invalid-profile', 'legalEntity must be true or false / legalEntity 应为 true 或 false');
  }
  const result = classifyEnterprise({ industryCode, ...numbers, legalEntity: legalEntity ?? null });
  const out: ClassifyOutput = { sizeClass: result.sizeClass, aboveScale: result.aboveScale };
  if (result.sizeClassReason !== undefined) out.reason = result.sizeClassReason;
  if (result.sizeClassMessage !== undefined) out.message = result.sizeClassMessage;
  return out;
}

/** Runs `gaodi classify` over stdin; returns the exit code (0 unless reading fails). */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: gaodi classify < profiles.jsonl   (one JSON profile per line)');
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const ok = process.stdout.write(`${JSON.stringify(classifyLine(line))}\n`);
    if (!ok) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
  return 0;
}
