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
