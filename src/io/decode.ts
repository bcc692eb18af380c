import { LIMITS } from '../model/limits';
import { DOUBLED_BOM_ISSUE, type ParseError } from './parseError';

export type DecodeResult = { ok: true; text: string } | { ok: false; error: ParseError };

/** Turns a file's bytes into text, refusing what is too big, binary or not UTF-8. */
export function decodeMapBytes(bytes: Uint8Array): DecodeResult {
  const megabytes = LIMITS.fileBytes / 1024 / 1024;
  if (bytes.length > LIMITS.fileBytes) {
    // Round up, so that a file just over the limit never reads as "10.0 MB; the limit is 10 MB".
    const size = (Math.ceil((bytes.length / 1024 / 1024) * 10) / 10).toFixed(1);
    return {
      ok: false,
      error: {
        kind: 'tooLarge',
        issues: [{ path: '', message: `the file is ${size} MB; the limit is ${megabytes} MB` }],
      },
    };
  }
  const badEncoding = (message: string): DecodeResult => ({
    ok: false,
    error: { kind: 'badEncoding', issues: [{ path: '', message }] },
  });
  // UTF-32 first: its little-endian byte order mark starts with UTF-16's.
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    return badEncoding('it is saved as UTF-32; save it as UTF-8 and open it again');
  }
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    looksLikeUtf16(bytes.subarray(0, 4096))
  ) {
    return badEncoding('it is saved as UTF-16; save it as UTF-8 and open it again');
  }
  if (bytes.subarray(0, 4096).includes(0)) {
    return badEncoding('it contains binary data (zero bytes), so it is not a text file');
  }
  // TextDecoder drops one byte order mark; a second would reach parseMap as if it were the first.
  if ([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf].every((b, i) => bytes[i] === b)) {
    return { ok: false, error: { kind: 'invalidContent', issues: [DOUBLED_BOM_ISSUE] } };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return badEncoding('it contains bytes that are not valid UTF-8');
  }
}

/**
 * UTF-16 without a byte order mark: JSON starts with ASCII, so in UTF-16 every other byte is
 * zero, always on the same side. Binary data has its zero bytes on both sides.
 */
function looksLikeUtf16(head: Uint8Array): boolean {
  const pairs = Math.floor(head.length / 2);
  if (pairs === 0) return false;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  return (zeroOdd * 2 >= pairs && zeroEven === 0) || (zeroEven * 2 >= pairs && zeroOdd === 0);
}
