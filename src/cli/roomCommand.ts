import type { CliIo } from './main';

/**
 * `clashmap room create FILE --server URL`: makes a class room on a class server from a map
 * file and prints its three links (teacher, edit, view).
 * `clashmap room export LINK`: prints the room's current map as a .clashmap.json.
 */
export async function roomCommand(
  args: string[],
  io: CliIo,
  usageError: (io: CliIo, problem?: string) => number,
  fetchUrl: typeof fetch = fetch,
): Promise<number> {
  const [action, ...rest] = args;
  const failed = (what: string, error: unknown) => {
    io.err(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  };
  if (action === 'create') {
    const at = rest.indexOf('--server');
    const server = at >= 0 ? rest[at + 1] : undefined;
    const files = rest.filter((_, i) => i !== at && i !== at + 1);
    if (!server || files.length !== 1)
      return usageError(io, 'room create needs one FILE and --server URL');
    let body: Uint8Array;
    try {
      body = io.readFile(files[0]!);
    } catch (error) {
      return failed(`cannot read ${files[0]}`, error);
    }
    try {
      const response = await fetchUrl(new URL('/api/rooms', server), {
        method: 'POST',
        body: body as Uint8Array<ArrayBuffer>,
      });
      const answer = (await response.json()) as {
        error?: string;
        links?: { teacher: string; edit: string; view: string };
      };
      if (!response.ok || !answer.links) {
        io.err(`the server refused the map: ${answer.error ?? response.statusText}`);
        return 1;
      }
      io.out(`Teacher (keep this one to yourself): ${answer.links.teacher}`);
      io.out(`Students (edit):                     ${answer.links.edit}`);
      io.out(`Projector and observers (view):      ${answer.links.view}`);
      return 0;
    } catch (error) {
      return failed(`cannot reach ${server}`, error);
    }
  }
  if (action === 'export') {
    if (rest.length !== 1) return usageError(io, 'room export needs one LINK');
    let url: URL;
    try {
      url = new URL(rest[0]!);
    } catch {
      return usageError(io, `"${rest[0]}" is not a link`);
    }
    const fragment = new URLSearchParams(url.hash.slice(1));
    const room = fragment.get('room');
    const key = fragment.get('key');
    if (!room || !key) return usageError(io, 'that link names no room and key (#room=…&key=…)');
    try {
      const response = await fetchUrl(new URL(`/api/rooms/${room}/map`, url.origin), {
        headers: { Authorization: `Bearer ${key}` },
      });
      const text = await response.text();
      if (!response.ok) {
        io.err(`the server refused: ${text}`);
        return 1;
      }
      io.out(text.replace(/\n$/, ''));
      return 0;
    } catch (error) {
      return failed(`cannot reach ${url.origin}`, error);
    }
  }
  return usageError(io, 'room needs "create" or "export"');
}
