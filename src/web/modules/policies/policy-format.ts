/** Pure helpers of the policy pages: benefits in words, explanation values, the by-district chart. */
import type { EChartsCoreOption } from 'echarts/core';
import type { Benefit, ExplanationStep } from './policy-types.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** An estimated benefit in 万元, or why there is none. */
export function formatBenefit(benefit: Benefit, t: T, locale: string): string {
  switch (benefit.kind) {
    case 'estimated': {
      const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(benefit.amountWan);
      return benefit.capped ? t('policies.benefit.capped', { amount }) : t('policies.benefit.amount', { amount });
    }
    case 'not-estimable':
      return t('policies.benefit.notEstimable');
    case 'error':
      return t('policies.benefit.error');
  }
}

/** A value read from or required by a rule, in one short line. */
export function formatRuleValue(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (Array.isArray(value)) return value.length ? value.map((v) => formatRuleValue(v, locale)).join('、') : '—';
  return String(value);
}

/** The values of one condition as an explanation step or a miss carries them. */
type ConditionValues = { actual?: unknown; actualLabel?: string | undefined; required?: unknown; requiredLabel?: string | undefined };

/**
 * One value of a condition, the one read from the enterprise (`actual`) or the one the rule asks for
 * (`required`): in words where the server named it (`中原区 (410102)`), else as it is.
 */
export function formatConditionValue(subject: ConditionValues | null | undefined, side: 'actual' | 'required', locale: string): string {
  const label = side === 'actual' ? subject?.actualLabel : subject?.requiredLabel;
  return label ?? formatRuleValue(subject?.[side], locale);
}

/** The conditions worth showing to a reader: the rule's own conditions, not its root. */
export function visibleSteps(steps: readonly ExplanationStep[]): ExplanationStep[] {
  return steps.length > 1 && steps[0]?.depth === 0 ? steps.slice(1) : [...steps];
}

/** A horizontal bar chart of eligible enterprises per district; bars carry their division code for drill-down. */
export function byDistrictOption(rows: readonly { code: string; name: string; count: number }[], seriesName: string): EChartsCoreOption {
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => r.name) },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: sorted.map((r) => ({ value: r.count, code: r.code })),
        itemStyle: { color: '#1d4e89' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}
