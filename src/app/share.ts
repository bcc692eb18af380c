import type { ShareLinkError } from '../io/formats/shareLink';
import type { ClashMap } from '../model/map';
import type { ClashmapStore } from '../store/store';

/** The start of a share link's fragment. Kept here (not imported from the codec) so the codec loads only for a link. */
export const SHARE_FRAGMENT_PREFIX = '#map=';

/** True when a URL fragment carries a shared map. */
export const isShareFragment = (hash: string): boolean => hash.startsWith(SHARE_FRAGMENT_PREFIX);

export type ShareLinkResult = { ok: true; url: string } | { ok: false; error: ShareLinkError };

/** A link that carries the whole open map, under `base` (the app's address without a fragment). */
export async function makeShareLink(store: ClashmapStore, base: string): Promise<ShareLinkResult> {
  // The codec loads only when used, to keep it out of the first page load.
  const { encodeShareFragment } = await import('../io/formats/shareLink');
  const encoded = await encodeShareFragment(store.getState().mapToSave());
  return encoded.ok ? { ok: true, url: `${base}${encoded.fragment}` } : encoded;
}

/** The map a share link's fragment carries, or why it cannot be read. */
export async function readShareFragment(
  hash: string,
): Promise<{ ok: true; map: ClashMap } | { ok: false; message: string }> {
  const { decodeShareFragment } = await import('../io/formats/shareLink');
  const decoded = await decodeShareFragment(hash);
  return decoded.ok ? decoded : { ok: false, message: decoded.error.message };
}
