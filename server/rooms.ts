import { randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';

/** Who a key makes someone in a room: the teacher, a student who edits, or a viewer. */
export type Role = 'teacher' | 'student' | 'viewer';

export interface Room {
  id: string;
  keys: Record<Role, string>;
  /** Students may not edit (the teacher still may). */
  frozen: boolean;
  /** The session is over: nobody connects any more; the map can still be exported. */
  ended: boolean;
}

/** 128 random bits, URL-safe: room ids and keys cannot be guessed. */
export const unguessable = () => randomBytes(16).toString('base64url');

const sameKey = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

interface RoomRow {
  id: string;
  teacher_key: string;
  student_key: string;
  viewer_key: string;
  frozen: number;
  ended: number;
}

const toRoom = (row: RoomRow): Room => ({
  id: row.id,
  keys: { teacher: row.teacher_key, student: row.student_key, viewer: row.viewer_key },
  frozen: row.frozen === 1,
  ended: row.ended === 1,
});

/**
 * The class server's records, in one SQLite file in the data folder: the rooms with their
 * keys, and each room's Yjs document (its whole state, as Yjs encodes it).
 */
export class RoomStore {
  private db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS rooms (
        id TEXT PRIMARY KEY,
        teacher_key TEXT NOT NULL,
        student_key TEXT NOT NULL,
        viewer_key TEXT NOT NULL,
        frozen INTEGER NOT NULL DEFAULT 0,
        ended INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS documents (
        name TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  }

  create(): Room {
    const room: Room = {
      id: unguessable(),
      keys: { teacher: unguessable(), student: unguessable(), viewer: unguessable() },
      frozen: false,
      ended: false,
    };
    this.db
      .prepare(
        'INSERT INTO rooms (id, teacher_key, student_key, viewer_key, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(room.id, room.keys.teacher, room.keys.student, room.keys.viewer, Date.now());
    return room;
  }

  get(id: string): Room | undefined {
    const row = this.db.prepare('SELECT * FROM rooms WHERE id = ?').get(id) as RoomRow | undefined;
    return row ? toRoom(row) : undefined;
  }

  /** The role a key gives in a room, or null for a wrong key or an unknown room. */
  roleOf(id: string, key: string): Role | null {
    const room = this.get(id);
    if (!room) return null;
    for (const role of ['teacher', 'student', 'viewer'] as const)
      if (sameKey(room.keys[role], key)) return role;
    return null;
  }

  setFrozen(id: string, frozen: boolean): void {
    this.db.prepare('UPDATE rooms SET frozen = ? WHERE id = ?').run(frozen ? 1 : 0, id);
  }

  /** Gives the room a new student key (the old link stops working); returns it. */
  newStudentKey(id: string): string {
    const key = unguessable();
    this.db.prepare('UPDATE rooms SET student_key = ? WHERE id = ?').run(key, id);
    return key;
  }

  end(id: string): void {
    this.db.prepare('UPDATE rooms SET ended = 1 WHERE id = ?').run(id);
  }

  loadDocument(name: string): Uint8Array | null {
    const row = this.db.prepare('SELECT data FROM documents WHERE name = ?').get(name) as
      { data: Buffer } | undefined;
    return row ? new Uint8Array(row.data) : null;
  }

  saveDocument(name: string, state: Uint8Array): void {
    this.db
      .prepare(
        'INSERT INTO documents (name, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
      )
      .run(name, Buffer.from(state), Date.now());
  }

  close(): void {
    this.db.close();
  }
}
