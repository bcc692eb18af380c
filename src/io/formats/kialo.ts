import type { EdgeKind } from '../../model/edge';
import { edgeKindOfKialoStance } from '../../model/relations/registry';
import { LIMITS } from '../../model/limits';
import { emptyMap, type ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import {
  cleanField,
  evaluationChangeNote,
  finishImport,
  importFailure,
  importFailures,
  LossLog,
  makeId,
} from './shared';
import { STANDING_UNCHANGED, STANDING_UNKNOWN } from './standing';
import type { ImportResult } from './types';

/*
 * Kialo's plain-text discussion export (Discussion menu → Export), as Kialo writes it:
 *
 *   Discussion Title: Should the US strike Mexican cartels with drones?
 *
 *   1. The US should strike cartels in Mexico with drones.
 *   1.1. Pro: Strikes would stem the flow of fentanyl.
 *   1.1.1. Con: Demand keeps the trade alive.
 *   1.2. Con: -> See 1.1.1.
 *
 * Each claim is numbered by its place in the tree (1.2.3. is the third child of the second child
 * of the thesis 1.), then "Pro:" or "Con:" says how it bears on its parent. A claim whose text is
 * "-> See 1.1.1." is a link: the claim 1.1.1. is used again in a second place. A line that does
 * not start with a number continues the claim above it. Older exports write "Thesis:" before the
 * thesis; a multi-thesis discussion has a question at 1. and "Thesis:" claims under it.
 *
 * The current export (2025) writes "Discussion Name:" with the title on the next line, puts
 * "Question:", "Thesis:", "Pro:" or "Con:" alone on the numbered line with the claim's text
 * indented on the lines after it, cites sources as [n] and lists them after "Sources:" as
 * "[n] address". "-> See discussion #N: title" links to another discussion.
 *
 * Import: the thesis (and every "Thesis:") becomes a position, every other claim a claim; Pro is a
 * support edge and Con a rebuttal edge from the claim to its parent; a link is an edge from the
 * claim it names to the parent, not a new node. Claim ids are their Kialo numbers. Markdown
 * links become their words, with the addresses kept in the node's notes, as are the sources a
 * claim cites and links to other discussions (in the notes of the claim they answer).
 */

const TITLE_LINE = /^\s*Discussion (?:Title|Name)\s*:\s*(.*)$/i;
const CLAIM_LINE = /^\s*(\d+(?:\.\d+)*)\.(?:\s+|$)(?:(Pro|Con|Thesis|Question)\s*:\s*)?([\s\S]*)$/i;
const LINK_TEXT = /^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$/i;
// "-> See discussion #1234: Its title": a link to another discussion, not a claim of this one.
const DISCUSSION_LINK = /^->\s*See\s+discussion\s*#\s*(\d+)\s*(?::\s*([\s\S]*))?$/i;
const SOURCES_LINE = /^\s*Sources\s*:\s*$/i;
// An entry of the current format's "Sources:" list: "[1] https://…", cited as [1] in claims.
const FOOTNOTE_ENTRY = /^\s*\[(\d{1,4})\]\s*(\S[\s\S]*)$/;
const FOOTNOTE_MARK = /\[(\d{1,4})\]/g;
const MARKDOWN_LINK = /(!?)\[((?:\\.|[^\]\\])*)\]\(((?:\\.|[^()\\\s]|\((?:\\.|[^()\\\s])*\))+)\)/g;
// Kialo escapes Markdown's special characters with a backslash.
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~])/g;

/** "1.2" for "1.2.3", nothing for the thesis "1". */
function parentNumber(number: string): string | undefined {
  const at = number.lastIndexOf('.');
  return at === -1 ? undefined : number.slice(0, at);
}

interface KialoClaim {
  number: string;
  stance: 'pro' | 'con' | 'thesis' | 'question' | null;
  lines: string[];
  line: number;
}

/**
 * A claim's text from its lines. In the current export the text starts on the line after
 * "Pro:" and is indented: the indent of its first line is taken off every line.
 */
function claimMarkdown(lines: string[]): string {
  const [first = '', ...rest] = lines;
  if (first.trim() !== '') return lines.join('\n').trim();
  const indent = /^[ \t]*/.exec(rest.find((l) => l.trim() !== '') ?? '')![0];
  return rest
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
    .join('\n')
    .trim();
}

/** Plain words for a claim's Markdown: links become their words, addresses are returned apart. */
function plainText(markdown: string): { text: string; urls: string[]; images: number } {
  const urls: string[] = [];
  let images = 0;
  const text = markdown.replace(MARKDOWN_LINK, (_all, bang: string, words: string, url: string) => {
    const address = url.replace(MARKDOWN_ESCAPE, '$1');
    if (bang) images++;
    urls.push(address);
    return words;
  });
  return { text: text.replace(MARKDOWN_ESCAPE, '$1').trim(), urls, images };
}

/**
 * Kialo's address for a discussion: its title in lower case, words joined by hyphens, then its
 * number (`should-hate-speech-be-illegal-6148`), as the discussions in the fixtures are named.
 */
export function kialoDiscussionUrl(number: string, title: string): string | undefined {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? undefined : `https://www.kialo.com/${slug}-${number}`;
}

/** A sentence made to follow a colon. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Reads a Kialo discussion export (.txt) into a map; see the notes at the top of this file. */
export async function importKialo(text: string): Promise<ImportResult> {
  if (text.length > LIMITS.fileBytes) {
    return importFailure(
      '',
      `the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`,
    );
  }
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const losses = new LossLog();
  let title: string | undefined;
  const claims: KialoClaim[] = [];
  const byNumber = new Map<string, KialoClaim>();
  let sourcesFrom: number | undefined;
  // The current export puts the title on the line after "Discussion Name:".
  let titleNext = false;
  const footnotes = new Map<string, string>();

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.trim() === '') {
      const last = claims[claims.length - 1];
      if (last) last.lines.push('');
      continue;
    }
    if (claims.length === 0) {
      const titleMatch = TITLE_LINE.exec(raw);
      if (titleMatch && title === undefined) {
        title = titleMatch[1]!.trim();
        titleNext = title === '';
        continue;
      }
      if (titleNext && !CLAIM_LINE.test(raw)) {
        title = raw.trim();
        titleNext = false;
        continue;
      }
    }
    if (SOURCES_LINE.test(raw) && claims.length > 0) {
      sourcesFrom = lineNo;
      // The current export lists the sources that claims cite as [n]; older ones, plain lines.
      for (const entry of lines.slice(i + 1)) {
        const footnote = FOOTNOTE_ENTRY.exec(entry);
        if (footnote) footnotes.set(footnote[1]!, footnote[2]!.trim());
      }
      break;
    }
    const claimMatch = CLAIM_LINE.exec(raw);
    const number = claimMatch?.[1];
    const stanceWord = claimMatch?.[2]?.toLowerCase();
    // A numbered line without "Pro:" or "Con:" may be a numbered list inside a claim's text: it
    // starts a claim only if it is the thesis or its parent is already there.
    const startsClaim =
      claimMatch !== null &&
      number !== undefined &&
      (stanceWord !== undefined ||
        claims.length === 0 ||
        (!byNumber.has(number) && byNumber.has(parentNumber(number) ?? '')));
    if (startsClaim) {
      const earlier = byNumber.get(number);
      if (earlier) {
        return importFailure(
          `line ${lineNo}`,
          `claim ${number}. appears twice (first on line ${earlier.line})`,
        );
      }
      const claim: KialoClaim = {
        number,
        stance:
          stanceWord === 'pro' ||
          stanceWord === 'con' ||
          stanceWord === 'thesis' ||
          stanceWord === 'question'
            ? stanceWord
            : null,
        lines: [claimMatch[3]!],
        line: lineNo,
      };
      claims.push(claim);
      byNumber.set(number, claim);
      continue;
    }
    const last = claims[claims.length - 1];
    if (!last) {
      return importFailure(
        `line ${lineNo}`,
        'expected "Discussion Title: …" or the thesis numbered "1."; is this a Kialo discussion export (.txt)?',
      );
    }
    last.lines.push(raw);
  }
  if (claims.length === 0) {
    return importFailure(
      '',
      'no claims numbered like "1." or "1.1." were found; is this a Kialo discussion export (.txt)?',
    );
  }
  if (sourcesFrom !== undefined && footnotes.size === 0) {
    losses.add(
      `line ${sourcesFrom}`,
      `The "Sources:" list at the end of the export was not imported; ${STANDING_UNCHANGED}`,
    );
  }
  if (claims.length > LIMITS.nodes) {
    return importFailure(
      '',
      `the discussion has ${claims.length.toLocaleString('en-US')} claims; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    );
  }

  const problems = claims
    .filter((c) => {
      const parent = parentNumber(c.number);
      return parent !== undefined && !byNumber.has(parent);
    })
    .map((c) => ({
      path: `line ${c.line}`,
      message: `claim ${c.number}. has no parent: there is no claim ${parentNumber(c.number)}.`,
    }));
  if (problems.length > 0) return importFailures(problems.slice(0, 50));

  const roots = claims.filter((c) => parentNumber(c.number) === undefined);
  // A multi-thesis discussion asks a question at 1. and answers it with "Thesis:" claims.
  const questions = new Set(
    roots
      .filter((r) =>
        claims.some((c) => c.stance === 'thesis' && parentNumber(c.number) === r.number),
      )
      .map((r) => r.number),
  );

  const map = emptyMap();
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  const links: Array<{ claim: KialoClaim; target: string }> = [];
  const discussionLinks: Array<{ claim: KialoClaim; note: string }> = [];
  const descriptions: string[] = [];

  for (const claim of claims) {
    const place = `line ${claim.line}`;
    const markdown = claimMarkdown(claim.lines);
    const link = LINK_TEXT.exec(markdown);
    if (link) {
      links.push({ claim, target: link[1]! });
      continue;
    }
    const discussion = DISCUSSION_LINK.exec(markdown);
    if (discussion) {
      const number = discussion[1]!;
      const { text: linkTitle, urls } = plainText(discussion[2] ?? '');
      const url = urls[0] ?? kialoDiscussionUrl(number, linkTitle);
      const stance = claim.stance === 'pro' ? 'Pro: ' : claim.stance === 'con' ? 'Con: ' : '';
      const named = linkTitle === '' ? `#${number}` : `#${number}: ${linkTitle}`;
      discussionLinks.push({
        claim,
        note: `${stance}See discussion ${named}${url === undefined ? '' : ` (${url})`}`,
      });
      continue;
    }
    const { text: words, urls, images } = plainText(markdown);
    if (questions.has(claim.number)) {
      if (words !== '' && words !== title) descriptions.push(words);
      losses.add(
        place,
        `The question of a multi-thesis discussion is not a node: it became the map description, and its theses are positions; ${STANDING_UNCHANGED}`,
      );
      continue;
    }
    const isPosition = parentNumber(claim.number) === undefined || claim.stance === 'thesis';
    let nodeText = words;
    if (nodeText === '') {
      nodeText = `(claim ${claim.number} has no text)`;
      losses.add(
        place,
        `Claims without text are shown as "(claim N has no text)"; ${STANDING_UNCHANGED}`,
      );
    }
    const node: MapNode = {
      id: makeId(claim.number, taken, 'claim'),
      kind: isPosition ? 'position' : 'claim',
      text: cleanField(nodeText, LIMITS.nodeTextLength, losses, place, 'Claim text'),
      evidence: [],
    };
    const notes: string[] = [];
    if (urls.length > 0) {
      notes.push(`Links: ${urls.join('\n')}`);
      losses.add(
        place,
        `Markdown links became plain words; their addresses are in the node notes; ${STANDING_UNCHANGED}`,
      );
    }
    const cited = [...new Set([...words.matchAll(FOOTNOTE_MARK)].map((m) => m[1]!))].filter((n) =>
      footnotes.has(n),
    );
    if (cited.length > 0) {
      notes.push(`Sources:\n${cited.map((n) => `[${n}] ${footnotes.get(n)!}`).join('\n')}`);
      losses.add(
        place,
        `Footnotes ([n]) stay in the claim text, and the sources they cite are in the node notes (not map sources: Kialo gives no title or text for them); ${STANDING_UNCHANGED}`,
      );
    }
    if (notes.length > 0) {
      node.notes = cleanField(
        notes.join('\n'),
        LIMITS.notesLength,
        losses,
        place,
        'The list of links',
      );
    }
    if (images > 0)
      losses.add(
        place,
        `Images are not shown; their addresses are in the node notes; ${STANDING_UNCHANGED}`,
      );
    idOf.set(claim.number, node.id);
    map.nodes.push(node);
  }

  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind) => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (from === to || edgeKeys.has(key)) return;
    edgeKeys.add(key);
    map.edges.push({ id: makeId(`e${map.edges.length + 1}`, taken, 'e'), from, to, kind });
  };
  // A link's number stands for the claim it links to, so replies to a link reach that claim.
  const resolve = (number: string, seen = new Set<string>()): string | undefined => {
    const direct = idOf.get(number);
    if (direct !== undefined) return direct;
    const link = links.find((l) => l.claim.number === number);
    if (!link || seen.has(number)) return undefined;
    seen.add(number);
    return resolve(link.target, seen);
  };

  const kindOf = (claim: KialoClaim): EdgeKind | null =>
    claim.stance === null ? null : (edgeKindOfKialoStance(claim.stance) ?? null);

  for (const claim of claims) {
    const parent = parentNumber(claim.number);
    if (parent === undefined || questions.has(parent) || claim.stance === 'thesis') continue;
    if (discussionLinks.some((l) => l.claim === claim)) continue; // a line in its parent's notes
    const place = `line ${claim.line}`;
    const link = links.find((l) => l.claim === claim);
    const from = link ? resolve(link.target) : idOf.get(claim.number);
    const to = resolve(parent);
    if (from === undefined) {
      losses.add(
        place,
        `Links ("-> See N.") to claims the export does not have were left out; ${STANDING_UNKNOWN}`,
      );
      continue;
    }
    if (to === undefined) continue;
    const kind = kindOf(claim);
    if (kind === null) {
      losses.add(
        place,
        `Claims marked neither Pro nor Con are kept without a link to their parent; ${STANDING_UNKNOWN}`,
      );
      continue;
    }
    if (map.edges.length >= LIMITS.edges) {
      losses.add(
        '',
        `Links past the ${LIMITS.edges.toLocaleString('en-US')} a map may hold were left out; ${STANDING_UNKNOWN}`,
      );
      break;
    }
    addEdge(from, to, kind);
  }

  // Links to other discussions: a line in the notes of the claim they answer.
  const standIns: ClashMap['edges'] = [];
  const standInNodes: MapNode[] = [];
  for (const { claim, note } of discussionLinks) {
    const place = `line ${claim.line}`;
    const parent = parentNumber(claim.number);
    const to = parent === undefined ? undefined : resolve(parent);
    const node = map.nodes.find((n) => n.id === to);
    if (node === undefined) {
      losses.add(
        place,
        `Links to other discussions ("-> See discussion #N") with no claim of this discussion above them were left out; ${STANDING_UNCHANGED}`,
      );
      continue;
    }
    node.notes = cleanField(
      node.notes === undefined ? note : `${node.notes}\n${note}`,
      LIMITS.notesLength,
      losses,
      place,
      'The notes',
    );
    // What the map would say if the other discussion's claim stood here as a reason.
    const kind = kindOf(claim);
    if (kind !== null) {
      const id = `\u0000see${standInNodes.length}`;
      standInNodes.push({ id, kind: 'claim', text: note, evidence: [] });
      standIns.push({ id: `${id}e`, from: id, to: node.id, kind });
    }
  }
  const placed = discussionLinks.filter(({ claim }) => {
    const parent = parentNumber(claim.number);
    return parent !== undefined && resolve(parent) !== undefined;
  });
  if (placed.length > 0) {
    const meant = { nodes: [...map.nodes, ...standInNodes], edges: [...map.edges, ...standIns] };
    // The map as imported, then with each link standing as a reason (only the map's own claims
    // are compared: the stand-ins are not in it).
    const note = evaluationChangeNote(map, meant);
    for (const { claim } of placed)
      losses.add(
        `line ${claim.line}`,
        `Links to other discussions ("-> See discussion #N: …") are not claims of this one: each became a line in the notes of the claim it answers, with the discussion's address; were each counted as a reason that stands: ${lowerFirst(note)}`,
      );
  }
  // Claims under a link to another discussion have no parent in this one.
  for (const claim of claims) {
    const parent = parentNumber(claim.number);
    if (parent !== undefined && discussionLinks.some((l) => l.claim.number === parent))
      losses.add(
        `line ${claim.line}`,
        `Claims under a link to another discussion are kept without a link to a parent; ${STANDING_UNCHANGED}`,
      );
  }

  map.title = title
    ? cleanField(title, LIMITS.titleLength, losses, 'line 1', 'The discussion title')
    : 'Imported Kialo discussion';
  if (descriptions.length > 0) {
    map.description = cleanField(
      descriptions.join('\n'),
      LIMITS.descriptionLength,
      losses,
      '',
      'The question',
    );
  }
  losses.add(
    '',
    `A Kialo text export has no votes, impact ratings, claim authors or comments, so the map has none of them; Clashmap weighs no claim, so ${STANDING_UNCHANGED}`,
  );
  return finishImport(map, losses);
}
