/**
 * A class room's link: `…/#room=ID&key=KEY`, made by the class server (npm run serve). Kept
 * apart from the room code itself, which loads only when a room link is opened.
 */
export function roomOfFragment(hash: string): { room: string; key: string } | null {
  if (!hash.startsWith('#room=')) return null;
  const params = new URLSearchParams(hash.slice(1));
  const room = params.get('room');
  const key = params.get('key');
  return room && key ? { room, key } : null;
}

const NAME_KEY = 'clashmap.name';

/** The name this person gave in a class session before, if this browser kept it. */
export function storedName(): string | null {
  try {
    return localStorage.getItem(NAME_KEY);
  } catch {
    return null;
  }
}

/** Keeps the name for the next class session, when the browser lets it. */
export function rememberName(name: string) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Not kept: the name is asked again next time.
  }
}
