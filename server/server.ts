import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { readDoc, seedDoc } from '../src/doc/yjsBinding';
import { parseMap } from '../src/io/parse';
import { serializeMap } from '../src/io/serialize';
import { LIMITS } from '../src/model/limits';
import { RoomStore, type Role, type Room } from './rooms';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Where the SQLite file lives (created if missing). */
  dataDir: string;
  /** The built app to serve (dist/); nothing is served when it is missing. */
  distDir?: string;
  /**
   * A Redis server shared by several instances of this server behind one address (scale-out):
   * each instance passes the room's updates to the others through it. The instances must
   * share the data folder too (one SQLite file).
   */
  redis?: { host: string; port: number };
  /** The most connections one address may hold at once (a browser tab holds one). */
  maxConnectionsPerAddress?: number;
  /** The largest a room's document may grow, in bytes; edits beyond it are refused. */
  maxDocumentBytes?: number;
}

export interface RunningServer {
  /** The port it listens on (the one asked for, or the one the system gave for port 0). */
  port: number;
  rooms: RoomStore;
  close: () => Promise<void>;
}

/** The largest message a client may send: a whole map file, with room to spare. */
export const MAX_MESSAGE_BYTES = LIMITS.fileBytes + 1024 * 1024;
/** A room's document may hold a few largest maps' worth of history, no more. */
export const MAX_DOCUMENT_BYTES = 4 * LIMITS.fileBytes;
/**
 * Connections one address may hold: a class behind one school router shares an address, so it
 * is generous; it stops one machine from exhausting the server.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 200;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, body: string, type: string) {
  response.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8');

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `the map is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The key in "Authorization: Bearer KEY". */
const bearer = (request: IncomingMessage) =>
  /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

/** The links a room is joined by, on the address the request came to. */
function linksOf(request: IncomingMessage, room: Room) {
  const origin = `http://${request.headers.host ?? 'localhost'}`;
  const link = (key: string) => `${origin}/#room=${room.id}&key=${key}`;
  return {
    teacher: link(room.keys.teacher),
    edit: link(room.keys.student),
    view: link(room.keys.viewer),
  };
}

/**
 * The class server: one process, one port. It serves the built app, a small API for rooms
 * (create one from a map, export its map, freeze it, end it) and the Yjs collaboration
 * endpoint (Hocuspocus), which checks every connection's key itself and gives viewers, and
 * students of a frozen room, read-only connections: their updates are not applied.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const rooms = new RoomStore(join(options.dataDir, 'clashmap.sqlite'));
  const maxDocument = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  const maxPerAddress = options.maxConnectionsPerAddress ?? MAX_CONNECTIONS_PER_ADDRESS;
  /** Each live room's document size in bytes: measured when stored, grown by each update. */
  const sizes = new Map<string, number>();
  const dist = options.distDir ? resolve(options.distDir) : null;

  /** The room's document: the live one when people are in it, else the stored one. */
  const documentOf = (id: string): Y.Doc => {
    const live = server.hocuspocus.documents.get(id);
    if (live) return live;
    const doc = new Y.Doc();
    const state = rooms.loadDocument(id);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  };

  /**
   * Gives the room's live connections the access its state now allows, and tells every client
   * (a stateless message, `{"room": {"frozen", "ended"}}`), so that its editor can say so.
   * A freeze takes effect at once: students' updates are no longer applied. A thaw reconnects
   * the students, so that each syncs afresh: Yjs would hold back an edit that builds on one the
   * server refused, for as long as that connection lasts.
   */
  const applyAccess = (room: Room) => {
    const live = server.hocuspocus.documents.get(room.id);
    if (!live) return;
    live.broadcastStateless(JSON.stringify({ room: { frozen: room.frozen, ended: room.ended } }));
    for (const connection of live.getConnections()) {
      const role = (connection.context as { role?: Role }).role;
      if (room.ended) connection.webSocket.close(4403, 'the session has ended');
      else if (role === 'student' && room.frozen) connection.readOnly = true;
      else if (role === 'student' && connection.readOnly)
        connection.webSocket.close(4000, 'the map is open for editing again');
    }
  };

  const api = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    if (path === '/api/rooms' && request.method === 'POST') {
      const text = await readBody(request, LIMITS.fileBytes);
      const parsed = parseMap(text);
      if (!parsed.ok)
        throw new HttpError(
          400,
          `That is not a map this server can open: ${parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      const room = rooms.create();
      const doc = new Y.Doc();
      seedDoc(doc, parsed.map);
      rooms.saveDocument(room.id, Y.encodeStateAsUpdate(doc));
      return sendJson(response, 201, { id: room.id, links: linksOf(request, room) });
    }
    const match =
      /^\/api\/rooms\/([\w-]+)\/(map|role|freeze|unfreeze|end|remove|new-student-link)$/.exec(path);
    if (!match) throw new HttpError(404, 'no such address');
    const [, id, action] = match as unknown as [string, string, string];
    const role = rooms.roleOf(id, bearer(request));
    if (!role) throw new HttpError(403, 'that key does not open this room');
    const room = rooms.get(id)!;
    if (action === 'role' && request.method === 'GET') {
      // Who this key makes its holder; the teacher also gets the room's links to hand out.
      return sendJson(response, 200, {
        role,
        frozen: room.frozen,
        ended: room.ended,
        ...(role === 'teacher' ? { links: linksOf(request, room) } : {}),
      });
    }
    if (action === 'map' && request.method === 'GET') {
      const { map } = readDoc(documentOf(id), null);
      return send(response, 200, serializeMap(map), 'application/vnd.clashmap+json');
    }
    if (request.method !== 'POST') throw new HttpError(405, 'use POST');
    if (role !== 'teacher') throw new HttpError(403, 'only the teacher can do that');
    if (action === 'remove') {
      // One person out: every connection that carries their presence (their Yjs client id)
      // is closed, and their page stops reconnecting. Someone determined to come back with the
      // same link is kept out by a new student link (below).
      const body = await readBody(request, 1024);
      const client = Number((JSON.parse(body || '{}') as { client?: unknown }).client);
      const live = server.hocuspocus.documents.get(id);
      let removed = 0;
      for (const { clients, connection } of live?.connections.values() ?? []) {
        if (!clients.has(client) || (connection.context as { role?: Role }).role === 'teacher')
          continue;
        connection.sendStateless(JSON.stringify({ removed: true }));
        connection.close({ code: 4403, reason: 'removed by the teacher' });
        removed++;
      }
      if (removed === 0) throw new HttpError(404, 'that person is not in the room');
      return sendJson(response, 200, { removed });
    }
    if (action === 'new-student-link') {
      rooms.newStudentKey(id);
      // Students on the old link are cut off, and cannot come back with it.
      for (const connection of server.hocuspocus.documents.get(id)?.getConnections() ?? [])
        if ((connection.context as { role?: Role }).role === 'student')
          connection.webSocket.close(4403, 'the student link has changed');
      return sendJson(response, 200, { links: linksOf(request, rooms.get(id)!) });
    }
    if (action === 'freeze' || action === 'unfreeze') rooms.setFrozen(id, action === 'freeze');
    else rooms.end(id);
    applyAccess(rooms.get(id)!);
    return sendJson(response, 200, { id: room.id, ...rooms.get(id), keys: undefined });
  };

  const serveFile = (response: ServerResponse, path: string) => {
    if (!dist) throw new HttpError(404, 'this server has no app to serve');
    const file = resolve(dist, `.${path === '/' ? '/index.html' : decodeURIComponent(path)}`);
    if (file !== dist && !file.startsWith(dist + sep)) throw new HttpError(404, 'not found');
    if (!existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, 'not found');
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file).pipe(response);
  };

  const server = new Server(
    {
      port: options.port ?? 8787,
      address: options.host ?? '0.0.0.0',
      quiet: true,
      stopOnSignals: false,
      debounce: 300,
      maxDebounce: 2000,
      extensions: [
        new Database({
          fetch: async ({ documentName }) => rooms.loadDocument(documentName),
          store: async ({ documentName, state }) => {
            sizes.set(documentName, state.byteLength);
            rooms.saveDocument(documentName, state);
          },
        }),
        ...(options.redis
          ? [new Redis({ host: options.redis.host, port: options.redis.port })]
          : []),
      ],
      async onConnect({ request }) {
        // A page from another site may not open a connection in this browser's name.
        const origin = request.headers.origin;
        if (origin && new URL(origin).host !== request.headers.host)
          throw new Error('connections from other sites are refused');
      },
      async afterLoadDocument({ documentName, document }) {
        sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
      },
      async onChange({ documentName, update }) {
        sizes.set(documentName, (sizes.get(documentName) ?? 0) + update.byteLength);
      },
      async afterUnloadDocument({ documentName }) {
        sizes.delete(documentName);
      },
      async beforeHandleMessage({ documentName, update }) {
        // A room that is full takes no more edits: the sender is disconnected and told why;
        // the others carry on. (Presence and sync requests are small, and still pass.)
        const size = sizes.get(documentName) ?? 0;
        if (update.byteLength > 4096 && size + update.byteLength > maxDocument)
          throw Object.assign(new Error('the room’s map is full'), {
            code: 4413,
            reason: 'the room’s map has reached its size limit',
          });
      },
      async onAuthenticate({ documentName, token, connectionConfig }) {
        const room = rooms.get(documentName);
        const role = room && !room.ended ? rooms.roleOf(documentName, token) : null;
        if (!role) throw new Error('that key does not open this room');
        if (role === 'viewer' || (role === 'student' && room!.frozen))
          connectionConfig.readOnly = true;
        return { role };
      },
      async onStateless({ connection, document, payload }) {
        // The teacher's lead ("follow me", "present to the class") goes to everyone in the
        // room; nobody else's is passed on, whatever it claims.
        if ((connection.context as { role?: Role }).role !== 'teacher') return;
        if (payload.length > 2000) return;
        let message: unknown;
        try {
          message = JSON.parse(payload);
        } catch {
          return;
        }
        const lead = (message as { lead?: unknown } | null)?.lead;
        if (typeof lead !== 'object' || lead === null) return;
        document.broadcastStateless(JSON.stringify({ lead }));
      },
      async onRequest({ request, response }) {
        const path = new URL(request.url ?? '/', 'http://server').pathname;
        try {
          if (path.startsWith('/api/')) await api(request, response, path);
          else serveFile(response, path);
        } catch (error) {
          if (error instanceof HttpError)
            sendJson(response, error.status, { error: error.message });
          else sendJson(response, 500, { error: 'the server failed' });
        }
        // Handled here: Hocuspocus's own answer is not sent.
        throw null;
      },
    },
    { maxPayload: MAX_MESSAGE_BYTES },
  );
  // Connections per address: counted as they open and close, the extra ones closed at once.
  const perAddress = new Map<string, number>();
  server.webSocketServer.on('connection', (socket, request) => {
    const address = request.socket.remoteAddress ?? 'unknown';
    const count = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, count);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    if (count > maxPerAddress) socket.close(4429, 'too many connections from this address');
  });
  await server.listen();
  const { port } = server.address;
  return {
    port,
    rooms,
    close: async () => {
      // Stopping is like a crash for the clients: their connections drop at once (ws's own
      // close leaves open sockets open), they say they are offline and keep their edits, and
      // they reconnect by themselves to the next server on this address.
      for (const socket of server.webSocketServer.clients) socket.terminate();
      await server.destroy();
      rooms.close();
    },
  };
}
