import type { Scope } from '../../../server/actor.ts';
import { listDivisions, listIndustries } from '../../../standards/index.ts';
import { checkCodedFields, type FieldProblem } from '../enterprise-fields.ts';
import type { Cell, SheetRow } from './read-sheet.ts';
import type { Column, ImportField } from './columns.ts';

export type RowProblem = { row: number; column: string; code: string; params?: Record<string, string | number> };

export type ParsedValues = Partial<Record<ImportField, string | number | boolean | string[] | null>>;

export type ParsedRow = { rowNumber: number; values: ParsedValues; cells: Cell[] };

const text = (cell: Cell): string => {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** "410105001 经八路街道" or "C3670 汽车零部件…" → the leading code; otherwise the text itself. */
const leadingCode = (value: string): string => value.match(/^([A-Za-z]?\d{2,12})(?:\s|$)/)?.[1] ?? value;

function uniqueByName<T extends { code: string; name: string }>(items: T[]): Map<string, string> {
  const byName = new Map<string, string | null>();
  for (const item of items) byName.set(item.name, byName.has(item.name) ? null : item.code);
  return new Map([...byName].filter((e): e is [string, string] => e[1] !== null));
}

let divisionNames: Map<string, string> | undefined;
let industryNames: Map<string, string> | undefined;

/** A street, town or county of 郑州 by its name, when the name is unambiguous. */
function divisionByName(name: string): string | undefined {
  divisionNames ??= uniqueByName(listDivisions({}).filter((d) => d.code.startsWith('4101') && d.code.length >= 6 && d.code !== '410100'));
  return divisionNames.get(name);
}

/** A GB/T 4754-2017 class by its exact Chinese name, when unambiguous. */
function industryByName(name: string): string | undefined {
  industryNames ??= uniqueByName(listIndustries({}));
  return industryNames.get(name);
}

function parseNumber(cell: Cell): number | null | 'NaN' {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 'NaN';
  const s = text(cell).replace(/[,，\s]/g, '');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return 'NaN';
  return Number(s);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysIn = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));

function parseDate(cell: Cell): string | null | 'bad' {
  if (cell === null) return null;
  // Already ISO (as a file written by a program has it): only the day needs checking.
  if (typeof cell === 'string') {
    const ymd = ISO_DATE.exec(cell);
    if (ymd) {
      const [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
      return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) ? cell : 'bad';
    }
  }
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'bad' : cell.toISOString().slice(0, 10);
  const s = text(cell).replace(/[年月/.]/g, '-').replace(/日$/, '');
  const m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (!m) return 'bad';
  const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? 'bad' : iso;
}

/** A file's mapped columns with the index of their cells, in the order `parseRow` reads them. */
export type ColumnAt = { index: number; column: Column };

export function columnsAt(byIndex: Map<number, Column>): ColumnAt[] {
  return [...byIndex].map(([index, column]) => ({ index, column }));
}

const problemAt = (row: SheetRow, column: Column, code: string, params?: Record<string, string | number>): RowProblem => ({
  row: row.rowNumber, column: column.header, code, ...(params ? { params } : {}),
});

const headerOf = (columns: readonly ColumnAt[], field: string) => columns.find((c) => c.column.key === field)?.column.header ?? field;

/**
 * Turns one spreadsheet row into enterprise fields, collecting every problem with the
 * column header as the user sees it. Empty optional cells are null.
 */
export function parseRow(row: SheetRow, columns: readonly ColumnAt[], scope: Scope): { values: ParsedValues; problems: RowProblem[] } {
  const values: ParsedValues = {};
  const problems: RowProblem[] = [];
  const add = (column: Column, code: string, params?: Record<string, string | number>) => problems.push(problemAt(row, column, code, params));

  for (let c = 0; c < columns.length; c++) {
    const { index, column } = columns[c] as ColumnAt;
    const cell = row.cells[index] ?? null;
    // A number in a figure's column is read as it is; converting it to text first (to see whether it is empty) costs more than reading it.
    const raw = typeof cell === 'number' && (column.type === 'integer' || column.type === 'number') ? '#' : text(cell);
    if (raw === '') {
      if (column.required) add(column, 'REQUIRED');
      else values[column.key] = null;
      continue;
    }
    switch (column.type) {
      case 'text':
      case 'creditCode':
        if (column.maxLength && Array.from(raw).length > column.maxLength) add(column, 'TOO_LONG', { max: column.maxLength });
        else values[column.key] = raw;
        break;
      case 'division': {
        const code = leadingCode(raw);
        values[column.key] = /^\d/.test(code) ? code : (divisionByName(code) ?? code);
        break;
      }
      case 'industry': {
        const code = leadingCode(raw);
        values[column.key] = /\d/.test(code) ? code : (industryByName(code) ?? code);
        break;
      }
      case 'integer':
      case 'number': {
        const n = parseNumber(cell);
        if (n === 'NaN') add(column, 'NOT_A_NUMBER');
        else if (n !== null && n < 0) add(column, 'NEGATIVE');
        else if (n !== null && column.type === 'integer' && !Number.isInteger(n)) add(column, 'NOT_AN_INTEGER');
        else if (n !== null && n > 1e12) add(column, 'NOT_A_NUMBER');
        else values[column.key] = n;
        break;
      }
      case 'date': {
        const d = parseDate(cell);
        if (d === 'bad') add(column, 'DATE_INVALID');
        else values[column.key] = d;
        break;
      }
      case 'tags':
        values[column.key] = raw.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean);
        break;
      case 'boolean':
        if (/^(是|y|yes|true|1)$/i.test(raw)) values[column.key] = true;
        else if (/^(否|n|no|false|0)$/i.test(raw)) values[column.key] = false;
        else add(column, 'BOOLEAN_INVALID');
        break;
    }
  }

  const coded = checkCodedFields(
    {
      creditCode: typeof values.creditCode === 'string' ? values.creditCode : undefined,
      divisionCode: typeof values.divisionCode === 'string' ? values.divisionCode : undefined,
      industryCode: typeof values.industryCode === 'string' ? values.industryCode : undefined,
      tags: Array.isArray(values.tags) ? values.tags : undefined,
    },
    scope,
  );
  for (const p of coded.problems as FieldProblem[]) problems.push({ row: row.rowNumber, column: headerOf(columns, p.field), code: p.code, ...(p.params ? { params: p.params } : {}) });
  for (const [key, value] of Object.entries(coded.values)) if (value !== undefined) values[key as ImportField] = value;
  return { values, problems };
}
