import { describe, expect, it } from 'vitest';
import { decodeMapBytes } from '../../src/io/decode';
import { parseErrorLines } from '../../src/io/parseError';
import { LIMITS } from '../../src/model/limits';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The kind and lines of a refusal; fails the test if the bytes decode. */
function refusal(bytes: Uint8Array) {
  const result = decodeMapBytes(bytes);
  if (result.ok) throw new Error('expected the bytes to be refused');
  return { kind: result.error.kind, lines: parseErrorLines(result.error) };
}

describe('decodeMapBytes', () => {
  it('decodes UTF-8, including curly quotes and astral characters', () => {
    const text = '{"title": "“Strikes” on cartels 🇲🇽"}';
    expect(decodeMapBytes(utf8(text))).toEqual({ ok: true, text });
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{}')]);
    expect(decodeMapBytes(bytes)).toEqual({ ok: true, text: '{}' });
  });

  it('decodes an empty file to empty text (the parser then says it is empty)', () => {
    expect(decodeMapBytes(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  it.each([
    ['little-endian', [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]],
    ['big-endian', [0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]],
  ])('refuses UTF-16 (%s, with a byte order mark) and says how to fix it', (_, bytes) => {
    expect(refusal(new Uint8Array(bytes))).toEqual({
      kind: 'badEncoding',
      lines: [
        'This file is not UTF-8 text.',
        'it is saved as UTF-16; save it as UTF-8 and open it again',
      ],
    });
  });

  it('refuses binary data such as a PNG image', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(refusal(png)).toEqual({
      kind: 'badEncoding',
      lines: [
        'This file is not UTF-8 text.',
        'it contains binary data (zero bytes), so it is not a text file',
      ],
    });
  });

  it.each([
    ['a byte that never occurs in UTF-8', [0x7b, 0xff, 0x7d]],
    ['Latin-1 text (é as one byte)', [...utf8('{"title": "caf'), 0xe9, ...utf8('"}')]],
    ['a sequence cut short', [0x7b, 0xe2, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses invalid UTF-8: %s', (_, bytes) => {
    expect(refusal(new Uint8Array(bytes))).toEqual({
      kind: 'badEncoding',
      lines: ['This file is not UTF-8 text.', 'it contains bytes that are not valid UTF-8'],
    });
  });

  it('refuses a file over the size limit, rounding its size up', () => {
    expect(refusal(new Uint8Array(LIMITS.fileBytes + 1))).toEqual({
      kind: 'tooLarge',
      lines: ['This file is too large to open.', 'the file is 10.1 MB; the limit is 10 MB'],
    });
    expect(refusal(new Uint8Array(25 * 1024 * 1024)).lines[1]).toBe(
      'the file is 25.0 MB; the limit is 10 MB',
    );
  });

  it('accepts a file exactly at the size limit', () => {
    const result = decodeMapBytes(new Uint8Array(LIMITS.fileBytes).fill(0x20));
    expect(result.ok && result.text.length).toBe(LIMITS.fileBytes);
  });
});
