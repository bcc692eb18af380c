import { LIMITS } from '../../model/limits';
import type { ClashMap } from '../../model/map';
import { parseMap } from '../parse';
import { formatIssue } from '../../model/issue';
import { describeParseError, type ParseError } from '../parseError';
import { serializeMap } from '../serialize';

/*
 * A share link carries the whole map in the URL fragment (which browsers never send to a
 * server): `#map=v1.<payload>`, where the payload is the map file as minified JSON, compressed
 * with raw DEFLATE (CompressionStream('deflate-raw'), in every current browser and Node 20) and
 * written in base64url without padding. The version names the payload encoding, not the map
 * format: the map inside carries its own format version and is read by parseMap.
 */

/** What every share fragment starts with. */
export const SHARE_FRAGMENT_PREFIX = '#map=';
/** The payload encoding this build writes and reads. */
export const SHARE_LINK_VERSION = 1;
/** The longest fragment `encodeShareFragment` makes; a bigger map should be shared as a file. */
export const SHARE_LINK_MAX_CHARS = 32 * 1024;
/**
 * The longest fragment `decodeShareFragment` reads. Larger than what we write (another tool may
 * write longer links, and browsers accept URLs of about 2 MB), but bounded so that a pasted
 * monster is refused before any work is done.
 */
export const SHARE_LINK_MAX_DECODE_CHARS = 2 * 1024 * 1024;
/** The most bytes a payload may inflate to: the same limit as a map file. */
export const SHARE_LINK_MAX_MAP_BYTES = LIMITS.fileBytes;

/** Why a map could not be put into a link or read back out of one. */
export type ShareLinkError =
  | { kind: 'tooBigForLink'; chars: number; limit: number; message: string }
  | { kind: 'notAShareLink'; message: string }
  | { kind: 'unsupportedVersion'; version: string; message: string }
  | { kind: 'badEncoding'; message: string }
  | { kind: 'corrupt'; message: string }
  | { kind: 'tooLarge'; message: string }
  /** `message` is several lines: the headline, then where and why (`nodes[3].text: …`). */
  | { kind: 'invalidMap'; error: ParseError; message: string };

/** A fragment for the map, or why the map cannot go into a link. */
export type ShareEncodeResult =
  { ok: true; fragment: string } | { ok: false; error: ShareLinkError };
/** The map a link carries, or why it cannot be opened. */
export type ShareDecodeResult = { ok: true; map: ClashMap } | { ok: false; error: ShareLinkError };

const kilobytes = (chars: number) => `${Math.ceil(chars / 1024)} KB`;

/** Bytes as base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list well below engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url text (padding optional), or null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  const body = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return null;
  const binary = atob(
    body
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(body.length / 4) * 4, '='),
  );
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Raw-DEFLATE compresses bytes with the platform's CompressionStream. */
export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Not awaited: the writes only settle as the output is read below.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  return concat(await readAll(stream.readable.getReader()));
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The inflated bytes, or why inflating stopped and how far it got. */
export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'tooLarge' | 'corrupt'; produced: number; message: string };

/**
 * Inflates raw-DEFLATE bytes chunk by chunk and gives up as soon as the output passes `limit`,
 * so a decompression bomb costs at most `limit` bytes plus one chunk, never its full size.
 */
export async function inflateRawLimited(bytes: Uint8Array, limit: number): Promise<InflateResult> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let produced = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      produced += value.byteLength;
      if (produced > limit) {
        await reader.cancel().catch(() => {});
        return {
          ok: false,
          reason: 'tooLarge',
          produced,
          message: `the map in this link is larger than ${limit / 1024 / 1024} MB`,
        };
      }
      chunks.push(value);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: 'corrupt',
      produced,
      message: `the link is damaged or cut short (the compressed data is invalid: ${reason})`,
    };
  }
  return { ok: true, bytes: concat(chunks) };
}

/** The map file as minified JSON: the same fields and order as the file, without indentation. */
function minifiedMapJson(map: ClashMap): string {
  // serializeMap fixes the key order and drops absent fields; re-stringifying only removes
  // the indentation, so the value never needs a type.
  return JSON.stringify(JSON.parse(serializeMap(map)));
}

/**
 * The URL fragment (`#map=v1.…`) that carries `map`, or `tooBigForLink` when it would be longer
 * than SHARE_LINK_MAX_CHARS, in which case the map should be shared as a file.
 */
export async function encodeShareFragment(map: ClashMap): Promise<ShareEncodeResult> {
  const compressed = await deflateRaw(new TextEncoder().encode(minifiedMapJson(map)));
  const fragment = `${SHARE_FRAGMENT_PREFIX}v${SHARE_LINK_VERSION}.${toBase64Url(compressed)}`;
  if (fragment.length > SHARE_LINK_MAX_CHARS) {
    return {
      ok: false,
      error: {
        kind: 'tooBigForLink',
        chars: fragment.length,
        limit: SHARE_LINK_MAX_CHARS,
        message: `This map is too big for a link (${kilobytes(fragment.length)}; a link holds at most ${kilobytes(SHARE_LINK_MAX_CHARS)}). Share it as a file instead.`,
      },
    };
  }
  return { ok: true, fragment };
}

/** Most of a refused map's issues that the link's message lists; the rest are counted. */
export const SHARE_LINK_MAX_LISTED_ISSUES = 5;

/**
 * What is wrong with the map in a link and where, one line each: the headline, then the parse
 * error's issues (`nodes[3].text: …`), so the person who opens a link can tell its sender.
 */
function invalidMapMessage(error: ParseError): string {
  const listed = error.issues.slice(0, SHARE_LINK_MAX_LISTED_ISSUES).map(formatIssue);
  const total =
    error.kind === 'invalidContent' ? (error.total ?? error.issues.length) : error.issues.length;
  const more = total - listed.length;
  return [
    `The map in this link is not valid. ${describeParseError(error)}`,
    ...listed,
    ...(more > 0 ? [`…and ${more.toLocaleString('en-US')} more`] : []),
  ].join('\n');
}

const failure = (error: ShareLinkError): ShareDecodeResult => ({ ok: false, error });

/**
 * Reads the map out of a share fragment (with or without the leading `#`, or a whole link that
 * ends in one). Refuses a wrong prefix or version, bad base64url, damaged or truncated
 * compressed data, a payload that inflates past 10 MB (stopping as soon as it does), and any
 * map parseMap refuses.
 */
export async function decodeShareFragment(fragment: string): Promise<ShareDecodeResult> {
  // A whole pasted link works too: only what follows its '#' matters.
  const hash = fragment.indexOf('#');
  const withHash = hash >= 0 ? fragment.slice(hash) : `#${fragment}`;
  if (!withHash.startsWith(SHARE_FRAGMENT_PREFIX)) {
    return failure({
      kind: 'notAShareLink',
      message: 'This is not a Clashmap share link (it does not contain "#map=").',
    });
  }
  if (withHash.length > SHARE_LINK_MAX_DECODE_CHARS) {
    return failure({
      kind: 'tooLarge',
      message: `This link is too long to open (${kilobytes(withHash.length)}).`,
    });
  }
  const rest = withHash.slice(SHARE_FRAGMENT_PREFIX.length);
  const versioned = /^v(\d{1,6})\.([\s\S]*)$/.exec(rest);
  if (!versioned) {
    return failure({
      kind: 'notAShareLink',
      message: 'This share link is malformed: it should continue "#map=v1." and the map data.',
    });
  }
  const version = versioned[1]!;
  if (Number(version) !== SHARE_LINK_VERSION) {
    return failure({
      kind: 'unsupportedVersion',
      version,
      message:
        Number(version) > SHARE_LINK_VERSION
          ? `This link was made by a newer Clashmap (link version ${version}; this app reads version ${SHARE_LINK_VERSION}). Update Clashmap to open it.`
          : `This link has version ${version}, which this Clashmap does not read.`,
    });
  }
  const payload = versioned[2]!;
  const compressed = fromBase64Url(payload);
  if (!compressed) {
    return failure({
      kind: 'badEncoding',
      message:
        'This share link is damaged: its data has characters that cannot appear in a link made by Clashmap, or was cut short.',
    });
  }
  if (compressed.length === 0) {
    return failure({ kind: 'corrupt', message: 'This share link has no map data.' });
  }
  const inflated = await inflateRawLimited(compressed, SHARE_LINK_MAX_MAP_BYTES);
  if (!inflated.ok) {
    return failure(
      inflated.reason === 'tooLarge'
        ? { kind: 'tooLarge', message: `This link cannot be opened: ${inflated.message}.` }
        : { kind: 'corrupt', message: `This link cannot be opened: ${inflated.message}.` },
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return failure({
      kind: 'corrupt',
      message: 'This link cannot be opened: its data is not UTF-8 text.',
    });
  }
  const parsed = parseMap(text);
  if (!parsed.ok) {
    return failure({
      kind: 'invalidMap',
      error: parsed.error,
      message: invalidMapMessage(parsed.error),
    });
  }
  return { ok: true, map: parsed.map };
}
