/** Formats an ISO instant as China time, `YYYY-MM-DD HH:mm`. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Working hours as "n 天 m 小时"-style parts (whole working days of 24 h, then hours). */
export function splitWorkingHours(hours: number): { days: number; hours: number; late: boolean } {
  const late = hours < 0;
  const abs = Math.abs(hours);
  return { days: Math.floor(abs / 24), hours: Math.round(abs % 24), late };
}
