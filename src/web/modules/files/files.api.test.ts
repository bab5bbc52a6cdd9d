import { describe, expect, it } from 'vitest';
import { fileHref, formatFileSize } from './files.api.ts';

describe('file helpers', () => {
  it('formats sizes in KB below a megabyte and in MB above', () => {
    expect(formatFileSize(6)).toBe('0.1 KB');
    expect(formatFileSize(204_800)).toBe('200.0 KB');
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10.0 MB');
  });

  it('links to the download of a file', () => {
    expect(fileHref('0b6f5a1e-0000-4000-8000-000000000001')).toBe('/api/v1/files/0b6f5a1e-0000-4000-8000-000000000001');
  });
});
