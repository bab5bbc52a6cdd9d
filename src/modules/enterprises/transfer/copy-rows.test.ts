import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyText } from './copy-rows.ts';

const written = (write: (out: CopyText) => void) => {
  const out = new CopyText(4);
  write(out);
  return new TextDecoder().decode(out.take());
};

/** COPY's text format as PostgreSQL documents it (backslash escapes for backslash, tab, newline, carriage return), written the slow, obvious way. */
const copyEscaped = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c);

describe('CopyText', () => {
  it('writes text as UTF-8 with COPY’s escapes, null as \\N', () => {
    expect(written((o) => o.text('郑州宇通').tab().text(null).tab().text('a\\b\tc\nd\re').endLine())).toBe('郑州宇通\t\\N\ta\\\\b\\tc\\nd\\re\n');
  });

  it('encodes every character as TextEncoder does, surrogate pairs and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(written((o) => o.text(s))).toBe(new TextDecoder().decode(new TextEncoder().encode(copyEscaped(s))));
      }),
      { numRuns: 500 },
    );
    expect(written((o) => o.text('𠀀\uD800x'))).toBe('𠀀\uFFFDx');
  });

  it('writes an array literal with every element quoted, quotes and backslashes escaped for the array, then for COPY', () => {
    expect(written((o) => o.array(['宇通', 'p:yt']))).toBe('{"宇通","p:yt"}');
    expect(written((o) => o.array([]))).toBe('{}');
    expect(written((o) => o.array(['a"b', 'c\\d']))).toBe('{"a\\\\"b","c\\\\\\\\d"}');
  });

  it('writes figures with at most two decimals from their hundredths, and any other number as JavaScript does', () => {
    const cases: [number, string][] = [
      [0, '0'], [25, '25'], [1071.26, '1071.26'], [1071.2, '1071.2'], [0.05, '0.05'], [0.5, '0.5'], [-12.34, '-12.34'],
      [999_999_999_999.99, '999999999999.99'], [1e12, '1000000000000'], [0.1 + 0.2, '0.30000000000000004'], [1.005, '1.005'], [1e-7, '1e-7'],
    ];
    for (const [value, text] of cases) expect(written((o) => o.number(value)), String(value)).toBe(text);
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (value) => {
        expect(Number(written((o) => o.number(value)))).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes booleans as t and f, JSON as text, and starts over after take()', () => {
    const out = new CopyText(1);
    out.boolean(true).tab().boolean(false).tab().boolean(null).tab().json({ name: '引号"\\' }).endLine();
    expect(new TextDecoder().decode(out.take())).toBe('t\tf\t\\N\t{"name":"引号\\\\"\\\\\\\\"}\n');
    expect(out.take()).toHaveLength(0);
  });
});
