/**
 * China's public holidays and the weekend days worked in their place (调休), for working-day
 * time limits. Source: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号,
 * 2025-11-04, published by Xinhua, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm).
 * Years not listed here count Monday–Friday as working days; add each year when the State
 * Council publishes it (usually in November of the year before).
 */
export const HOLIDAY_SOURCE = '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）';

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Days off (放假), including weekend days inside a holiday block. */
export const HOLIDAYS: ReadonlySet<string> = new Set([
  ...range('2026-01-01', '2026-01-03'), // 元旦
  ...range('2026-02-15', '2026-02-23'), // 春节
  ...range('2026-04-04', '2026-04-06'), // 清明节
  ...range('2026-05-01', '2026-05-05'), // 劳动节
  ...range('2026-06-19', '2026-06-21'), // 端午节
  ...range('2026-09-25', '2026-09-27'), // 中秋节
  ...range('2026-10-01', '2026-10-07'), // 国庆节
]);

/** Saturdays and Sundays that are working days (调休上班). */
export const MAKEUP_WORKDAYS: ReadonlySet<string> = new Set([
  '2026-01-04', // 元旦
  '2026-02-14', '2026-02-28', // 春节
  '2026-05-09', // 劳动节
  '2026-09-20', '2026-10-10', // 国庆节
]);
