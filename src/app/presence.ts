import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * Who else is in the class session, and what they are doing: filled in by the room code
 * (src/app/room.ts) from the room's awareness, read by the cards and the session banner. Out
 * of a class session it stays empty, and no card shows anything.
 */

/** Another person in the room, as their own browser describes them (so: never trusted). */
export interface Peer {
  /** Their Yjs client id: unique in the room while they are connected. */
  id: number;
  /** Shown as text, at most NAME_LIMIT characters. */
  name: string;
  /** Chosen here from their id, never taken from them. */
  color: string;
  /** The cards they have selected. */
  selection: readonly string[];
  /** The card they are typing in, if any. */
  editing: string | null;
}

/** Someone's mark on one card: their name, their colour, and whether they are typing in it. */
export interface PeerMark {
  id: number;
  name: string;
  color: string;
  editing: boolean;
}

/** Where the teacher is, for those who follow: a region of the map, or a presentation step. */
export type Lead =
  | { kind: 'view'; x: number; y: number; width: number; height: number }
  | { kind: 'present'; step: number }
  | { kind: 'stop' };

export interface PresenceState {
  /** This person's own name in the room (null out of a room). */
  self: { name: string; color: string } | null;
  peers: readonly Peer[];
  /** Each card's marks, for the cards somebody has selected or is editing. */
  onNode: ReadonlyMap<string, readonly PeerMark[]>;
  /** What the teacher last asked followers to look at, numbered so the same ask can repeat. */
  lead: { lead: Lead; serial: number } | null;
  /** Whether this person follows the teacher's view and presentation (students, by default). */
  following: boolean;
  /** On the teacher's link: sends a lead to the class (null for everyone else). */
  sendLead: ((lead: Lead) => void) | null;
  /** The teacher's choices: the class follows their view, their presentation. */
  leading: { view: boolean; present: boolean };
  /** Whether this page is connected to the class server right now. */
  connection: 'online' | 'offline';
}

export const NAME_LIMIT = 40;

/** Colours for people, readable on the canvas in both themes and apart from the relation colours. */
export const PEER_COLORS = [
  '#8e44ad',
  '#d35400',
  '#16a085',
  '#c0392b',
  '#2c3e50',
  '#b7950b',
  '#1f6fb2',
  '#a93e73',
];

export const colorOf = (clientId: number) =>
  PEER_COLORS[Math.abs(clientId) % PEER_COLORS.length] ?? PEER_COLORS[0]!;

/**
 * A name as it may be shown: a string, without control characters, with runs of spaces made
 * one, at most NAME_LIMIT characters; null when nothing is left.
 */
export function cleanName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/g, ' ');
  const name = [...text.replace(/\s+/g, ' ').trim()].slice(0, NAME_LIMIT).join('').trim();
  return name === '' ? null : name;
}

const NO_MARKS: readonly PeerMark[] = [];

export const presenceStore = createStore<PresenceState>(() => ({
  self: null,
  peers: [],
  onNode: new Map(),
  lead: null,
  following: true,
  sendLead: null,
  leading: { view: false, present: false },
  connection: 'online',
}));

const sameMarks = (a: readonly PeerMark[], b: readonly PeerMark[]) =>
  a.length === b.length &&
  a.every(
    (m, i) =>
      m.id === b[i]!.id &&
      m.name === b[i]!.name &&
      m.color === b[i]!.color &&
      m.editing === b[i]!.editing,
  );

/**
 * Sets who else is here. A card's marks keep their identity while they are unchanged, so only
 * the cards whose marks changed draw again.
 */
export function setPeers(peers: readonly Peer[]) {
  const before = presenceStore.getState().onNode;
  const next = new Map<string, PeerMark[]>();
  for (const peer of peers) {
    const cards = new Set(peer.selection);
    if (peer.editing) cards.add(peer.editing);
    for (const id of cards) {
      const marks = next.get(id) ?? [];
      marks.push({ id: peer.id, name: peer.name, color: peer.color, editing: peer.editing === id });
      next.set(id, marks);
    }
  }
  const onNode = new Map<string, readonly PeerMark[]>();
  for (const [id, marks] of next) {
    const old = before.get(id);
    onNode.set(id, old && sameMarks(old, marks) ? old : marks);
  }
  presenceStore.setState({ peers, onNode });
}

/** The marks of other people on one card (the same empty list when there are none). */
export function usePeersOn(nodeId: string): readonly PeerMark[] {
  return useStore(presenceStore, (s) => s.onNode.get(nodeId) ?? NO_MARKS);
}

export function usePresence<T>(select: (state: PresenceState) => T): T {
  return useStore(presenceStore, select);
}
