import { LIMITS } from '../model/limits';
import type { ParseError } from './parseError';

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
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return badEncoding('it is saved as UTF-16; save it as UTF-8 and open it again');
  }
  if (bytes.subarray(0, 4096).includes(0)) {
    return badEncoding('it contains binary data (zero bytes), so it is not a text file');
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return badEncoding('it contains bytes that are not valid UTF-8');
  }
}
