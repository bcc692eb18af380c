import { z } from '../../model/zod';
import type { EdgeKind } from '../../model/edge';
import {
  aifSchemeForm,
  edgeKindOfAifNode,
  relationKind,
  type AifSchemeNode,
} from '../../model/relations/registry';
import type { Evidence } from '../../model/evidence';
import { formatPath, type Issue } from '../../model/issue';
import { LIMITS } from '../../model/limits';
import { emptyMap, type ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import {
  cleanField,
  finishImport,
  importFailure,
  importFailures,
  LossLog,
  makeId,
  plural,
  readImportJson,
  QuoteSource,
  reportRoundLosses,
} from './shared';
import type { ExportResult, ImportResult } from './types';

/*
 * AIF (Argument Interchange Format) JSON as AIFdb and OVA exchange it. The shape followed here
 * is the one AIFdb serves and OVA3 loads (arg-tech/OVA3, res/js/ova-save.js: `loaddbjson` reads
 * top-level `nodes` [{nodeID, text, type}], `edges` [{edgeID, fromID, toID}], `participants`
 * [{participantID, firstname, surname}] and `locutions` [{nodeID, personID, …}], with L-node
 * texts "Speaker : words"; `genjson` writes the same arrays wrapped in {"AIF": …}), with the
 * `timestamp` on nodes and `formEdgeID: null` on edges that AIFdb includes. AIFdb writes ids as
 * strings; numbers are accepted too.
 *
 * Export:
 * - every node becomes an I-node (its id is the nodeID); every support edge an RA-node
 *   ("Default Inference") and every rebuttal a CA-node ("Default Conflict"), linked
 *   I(from) → RA/CA → I(to);
 * - every quote becomes an L-node ("Speaker: quote") linked by a YA-node ("Asserting") to the
 *   I-node it grounds, with a locution naming the speaker as a participant (first word as
 *   first name, the rest as surname);
 * - AIF has no title and no positions, so a `clashmap` field (ignored by other AIF tools) keeps
 *   the title, description and which I-nodes are positions.
 *
 * Import:
 * - I-nodes become nodes; RA-nodes give a support edge from each premise to each conclusion,
 *   CA-nodes a rebuttal from each attacker to each target;
 * - positions: those the `clashmap` field lists when it is there; otherwise I-nodes that are
 *   the conclusion or target of something and the premise of nothing;
 * - L-nodes that assert an I-node (L → YA → I) become quotes on it, said by the locution's
 *   participant (or the "Speaker:" before the words). AIF holds no source documents, so the
 *   quotes are kept in one source made of the quoted words, which the import reports;
 * - MA (rephrase), PA (preference), TA (dialogue transition) nodes, undercuts and attacks on
 *   attacks are not imported, and each is reported.
 */

/** The name of the field in which Clashmap keeps what AIF cannot say. */
export const AIF_EXTENSION_KEY = 'clashmap';
const QUOTE_SOURCE_ID = 'aif-locutions';

/** Options for exportAif. */
export interface AifExportOptions {
  /** The time stamped on every node and locution; now by default. */
  now?: Date;
}

/** "2025-05-06 14:03:00" (UTC), the way AIFdb writes timestamps. */
const aifTimestamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

/** Splits a speaker into AIF's first name and surname: the first word, then the rest. */
function splitName(speaker: string): { firstname: string; surname: string } {
  const at = speaker.indexOf(' ');
  return at === -1
    ? { firstname: speaker, surname: '' }
    : { firstname: speaker.slice(0, at), surname: speaker.slice(at + 1) };
}

/** The map as AIF JSON (pretty-printed), with what AIF could not hold. */
export function exportAif(map: ClashMap, options: AifExportOptions = {}): ExportResult {
  const losses = new LossLog();
  reportRoundLosses(map, losses, 'AIF');
  const timestamp = aifTimestamp(options.now ?? new Date());
  const taken = new Set<string>([
    ...map.sources.map((s) => s.id),
    ...map.nodes.map((n) => n.id),
    ...map.edges.map((e) => e.id),
  ]);
  const nodes: Array<{ nodeID: string; text: string; type: string; timestamp: string }> = [];
  const edges: Array<{ edgeID: string; fromID: string; toID: string; formEdgeID: null }> = [];
  const locutions: Array<Record<string, string | null>> = [];
  const participants: Array<{ participantID: string; firstname: string; surname: string }> = [];
  const participantBySpeaker = new Map<string, string>();
  const link = (fromID: string, toID: string) =>
    edges.push({ edgeID: String(edges.length + 1), fromID, toID, formEdgeID: null });

  map.nodes.forEach((node, i) => {
    if (node.kind === 'argument') {
      // An argument is AIF's own inference node; its premises and conclusion link to it.
      nodes.push({
        nodeID: node.id,
        text: node.scheme ?? aifSchemeForm('support')!.scheme,
        type: 'RA',
        timestamp,
      });
      return;
    }
    nodes.push({ nodeID: node.id, text: node.text, type: 'I', timestamp });
    if (node.notes !== undefined)
      losses.add(`nodes[${i}].notes`, 'Node notes have no place in AIF');
    if (node.tags !== undefined && node.tags.length > 0)
      losses.add(`nodes[${i}].tags`, 'Node tags have no place in AIF');
    if (node.position) losses.add(`nodes[${i}].position`, 'Canvas positions have no place in AIF');
    if (node.kind === 'position') {
      losses.add(
        `nodes[${i}]`,
        'AIF has no positions: Clashmap lists them in its own "clashmap" field, and other AIF tools see ordinary propositions',
      );
    }
  });
  map.edges.forEach((edge, i) => {
    const aif = aifSchemeForm(edge.kind);
    if (aif === undefined) {
      // A premise runs into its argument's RA node, a conclusion out of it.
      link(edge.from, edge.to);
      return;
    }
    const scheme = edge.id;
    nodes.push({ nodeID: scheme, text: aif.scheme, type: aif.node, timestamp });
    if (edgeKindOfAifNode(aif.node) !== edge.kind) {
      const { names } = relationKind(edge.kind);
      losses.add(
        `edges[${i}]`,
        `A ${names.noun} is written as an ${aif.node} node named "${aif.scheme}": Clashmap reads it back as a ${names.noun}, other AIF tools as an ordinary ${aif.node === 'CA' ? 'conflict' : 'inference'}`,
      );
    }
    link(edge.from, scheme);
    link(scheme, edge.to);
    if (edge.note !== undefined) losses.add(`edges[${i}].note`, 'Edge notes have no place in AIF');
  });
  map.nodes.forEach((node, i) => {
    node.evidence.forEach((evidence, j) => {
      const lNode = makeId(`${node.id}.L${j + 1}`, taken, 'L');
      const yaNode = makeId(`${node.id}.YA${j + 1}`, taken, 'YA');
      let personID = participantBySpeaker.get(evidence.speaker);
      if (personID === undefined) {
        personID = String(participants.length + 1);
        participantBySpeaker.set(evidence.speaker, personID);
        participants.push({ participantID: personID, ...splitName(evidence.speaker) });
      }
      nodes.push({
        nodeID: lNode,
        text: `${evidence.speaker}: ${evidence.quote}`,
        type: 'L',
        timestamp,
      });
      nodes.push({ nodeID: yaNode, text: 'Asserting', type: 'YA', timestamp });
      link(lNode, yaNode);
      link(yaNode, node.id);
      locutions.push({ nodeID: lNode, personID, timestamp, start: null, end: null, source: null });
      losses.add(
        `nodes[${i}].evidence[${j}]`,
        'Quote sources and offsets are not kept: AIF records who said what (L-nodes and participants), not where it was written',
      );
    });
  });
  map.sources.forEach((_, i) =>
    losses.add(
      `sources[${i}]`,
      'Sources (title, author, publisher, date, address and text) have no place in AIF',
    ),
  );

  const extension = {
    title: map.title,
    ...(map.description !== undefined ? { description: map.description } : {}),
    positions: map.nodes.filter((n) => n.kind === 'position').map((n) => n.id),
  };
  const document = { nodes, edges, locutions, participants, [AIF_EXTENSION_KEY]: extension };
  return { ok: true, value: `${JSON.stringify(document, null, 2)}\n`, losses: losses.list() };
}

// ---------------------------------------------------------------------------------------------
// Import

const aifId = z.union(
  [z.string().check(z.minLength(1, { error: 'must not be empty' })), z.number()],
  {
    error: 'must be text or a number',
  },
);

const aifNodeSchema = z.looseObject({
  nodeID: aifId,
  text: z.nullish(z.string({ error: 'must be text' })),
  type: z.string({ error: 'must be text such as "I", "RA" or "CA"' }),
});
const aifEdgeSchema = z.looseObject({ fromID: aifId, toID: aifId });
const aifLocutionSchema = z.looseObject({ nodeID: aifId, personID: z.nullish(aifId) });
const aifParticipantSchema = z.looseObject({
  participantID: aifId,
  firstname: z.nullish(z.string({ error: 'must be text' })),
  surname: z.nullish(z.string({ error: 'must be text' })),
});
const aifDocumentSchema = z.looseObject({
  nodes: z.array(aifNodeSchema, { error: 'must be a list of nodes' }),
  edges: z.array(aifEdgeSchema, { error: 'must be a list of edges' }),
  locutions: z.nullish(z.array(aifLocutionSchema, { error: 'must be a list' })),
  participants: z.nullish(z.array(aifParticipantSchema, { error: 'must be a list' })),
  [AIF_EXTENSION_KEY]: z.optional(z.unknown()),
});

const extensionSchema = z.looseObject({
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  positions: z.optional(z.array(aifId)),
});

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function zodIssues(
  issues: readonly z.core.$ZodIssue[],
  body: unknown,
  prefix: PropertyKey[],
): Issue[] {
  return issues.slice(0, 50).map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: valueAt(body, issue.path) === undefined ? 'is missing' : issue.message,
  }));
}

/** Pulls "Speaker: words" (or AIFdb's "Speaker : words") apart. */
function splitLocutionText(text: string, speaker: string | undefined) {
  if (speaker !== undefined) {
    for (const prefix of [`${speaker} : `, `${speaker}: `, `${speaker} :`, `${speaker}:`]) {
      if (text.startsWith(prefix)) return { speaker, words: text.slice(prefix.length).trim() };
    }
    return { speaker, words: text.trim() };
  }
  const match = /^([^:\n]{1,120}?)\s?:\s+([\s\S]+)$/.exec(text);
  if (match) return { speaker: match[1]!.trim(), words: match[2]!.trim() };
  return { speaker: undefined, words: text.trim() };
}

// How loss messages speak of each scheme node type a relation kind is written as.
const SCHEME_NODE_WORDS: Record<
  AifSchemeNode,
  { what: string; notBetweenPropositions: string; severalPremises?: string }
> = {
  RA: {
    what: 'RA-node (inference)',
    notBetweenPropositions:
      'Inferences that support or draw on other inferences (not propositions) are not imported',
    severalPremises:
      'Linked premises (an RA-node with several) became separate supports: Clashmap does not record that they work together',
  },
  CA: {
    what: 'CA-node (conflict)',
    notBetweenPropositions:
      'Conflicts with inferences or other conflicts (undercuts) are not imported: Clashmap rebuts propositions only',
  },
};

const KNOWN_LOSSES: Record<string, string> = {
  MA: 'MA-nodes (rephrases, "Default Rephrase") are not imported: Clashmap has no rephrase link',
  PA: 'PA-nodes (preferences) are not imported: Clashmap has no preference link',
  TA: 'TA-nodes (dialogue transitions) are not imported: Clashmap keeps what was said, not the order of the dialogue',
};

/** Reads AIF JSON (AIFdb's, or OVA's {"AIF": …}) into a map; see the notes at the top of this file. */
export async function importAif(text: string): Promise<ImportResult> {
  const json = readImportJson(text);
  if (!json.ok) return json.failure;
  const root = json.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return importFailure('', 'an AIF file holds an object with "nodes" and "edges"');
  }
  let prefix: string[] = [];
  let body: unknown = root;
  for (const key of ['AIF', 'aif']) {
    const inner = (root as Record<string, unknown>)[key];
    if (!('nodes' in root) && inner !== null && typeof inner === 'object') {
      prefix = [key];
      body = inner;
      break;
    }
  }
  const parsed = aifDocumentSchema.safeParse(body);
  if (!parsed.success) return importFailures(zodIssues(parsed.error.issues, body, prefix));
  const doc = parsed.data;
  const at = (...path: PropertyKey[]) => formatPath([...prefix, ...path]);
  const losses = new LossLog();

  // Ids are compared as text: AIFdb writes "12", other tools 12.
  const typeById = new Map<string, string>();
  const indexById = new Map<string, number>();
  const problems: Issue[] = [];
  doc.nodes.forEach((node, i) => {
    const id = String(node.nodeID);
    const earlier = indexById.get(id);
    if (earlier !== undefined) {
      problems.push({
        path: at('nodes', i, 'nodeID'),
        message: `repeats the id of ${at('nodes', earlier)}`,
      });
    } else {
      indexById.set(id, i);
      typeById.set(id, node.type.toUpperCase());
    }
  });
  if (problems.length > 0) return importFailures(problems.slice(0, 50));

  const iNodes = doc.nodes
    .map((node, index) => ({ node, index }))
    .filter(({ node }) => node.type.toUpperCase() === 'I');
  if (iNodes.length === 0)
    return importFailure(at('nodes'), 'has no I-nodes (propositions) to import');
  if (iNodes.length > LIMITS.nodes) {
    return importFailure(
      at('nodes'),
      `has ${iNodes.length.toLocaleString('en-US')} I-nodes; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    );
  }

  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  doc.edges.forEach((edge, i) => {
    const from = String(edge.fromID);
    const to = String(edge.toID);
    if (!typeById.has(from) || !typeById.has(to)) {
      losses.add(at('edges', i), 'Edges that name a node the file does not have were ignored');
      return;
    }
    outgoing.set(from, [...(outgoing.get(from) ?? []), to]);
    incoming.set(to, [...(incoming.get(to) ?? []), from]);
  });

  const extension = extensionSchema.safeParse((body as Record<string, unknown>)[AIF_EXTENSION_KEY]);
  const ext = extension.success ? extension.data : undefined;

  const map = emptyMap(
    ext?.title && ext.title.trim() !== ''
      ? cleanField(
          ext.title,
          LIMITS.titleLength,
          losses,
          at(AIF_EXTENSION_KEY, 'title'),
          'The title',
        )
      : 'Imported AIF map',
  );
  if (ext?.description !== undefined) {
    map.description = cleanField(
      ext.description,
      LIMITS.descriptionLength,
      losses,
      at(AIF_EXTENSION_KEY, 'description'),
      'The description',
    );
  }

  const taken = new Set<string>();
  const quoteSource = new QuoteSource(
    makeId(QUOTE_SOURCE_ID, taken, 'quotes'),
    'Locutions from the AIF file',
  );
  const nodeIdOf = new Map<string, string>();
  // Drafts: whether each one is a position is only known once all links are read.
  const nodeByAifId = new Map<string, Omit<MapNode, 'kind'>>();
  for (const { node, index } of iNodes) {
    const aifNodeId = String(node.nodeID);
    const id = makeId(aifNodeId, taken, 'node');
    nodeIdOf.set(aifNodeId, id);
    let nodeText = (node.text ?? '').trim();
    if (nodeText === '') {
      nodeText = '(no text)';
      losses.add(at('nodes', index), 'I-nodes without text are shown as "(no text)"');
    }
    const mapNode: Omit<MapNode, 'kind'> = {
      id,
      text: cleanField(
        nodeText,
        LIMITS.nodeTextLength,
        losses,
        at('nodes', index, 'text'),
        'Node text',
      ),
      evidence: [],
    };
    nodeByAifId.set(aifNodeId, mapNode);
  }

  const pending: Array<{ from: string; to: string; kind: EdgeKind }> = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind) => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (from === to || edgeKeys.has(key)) return;
    edgeKeys.add(key);
    pending.push({ from, to, kind });
  };
  const isI = (id: string) => typeById.get(id) === 'I';

  // Speakers: locution → participant.
  const participantName = new Map<string, string>();
  for (const p of doc.participants ?? []) {
    const name = [p.firstname ?? '', p.surname ?? ''].filter((s) => s.trim() !== '').join(' ');
    if (name !== '') participantName.set(String(p.participantID), name);
  }
  const speakerOfLocution = new Map<string, string>();
  for (const l of doc.locutions ?? []) {
    if (l.personID === null || l.personID === undefined) continue;
    const name = participantName.get(String(l.personID));
    if (name !== undefined) speakerOfLocution.set(String(l.nodeID), name);
  }

  doc.nodes.forEach((node, index) => {
    const id = String(node.nodeID);
    const type = node.type.toUpperCase();
    const place = at('nodes', index);
    const premises = incoming.get(id) ?? [];
    const targets = outgoing.get(id) ?? [];
    switch (type) {
      case 'I': {
        for (const to of targets) {
          if (isI(to))
            losses.add(place, 'Direct I-to-I edges (with no RA or CA between) are not imported');
        }
        break;
      }
      case 'RA':
      case 'CA': {
        const kind = edgeKindOfAifNode(type, node.text ?? undefined);
        const words = SCHEME_NODE_WORDS[type];
        if (kind === undefined) {
          losses.add(place, `${words.what}s are not imported`);
          break;
        }
        // What arrives from YA (dialogue anchoring), CA (undercuts) and PA (preferences) is
        // reported where it starts; here only premises and conclusions count.
        const inputs = premises.filter((p) => !['YA', 'CA', 'PA'].includes(typeById.get(p) ?? ''));
        const from = inputs.filter(isI);
        const to = targets.filter(isI);
        if (inputs.length > from.length || targets.length > to.length) {
          losses.add(place, words.notBetweenPropositions);
        }
        if (from.length === 0 || to.length === 0) {
          if (inputs.length === from.length && targets.length === to.length) {
            losses.add(
              place,
              `Each ${words.what} without both a premise and a conclusion was ignored`,
            );
          }
          break;
        }
        if (words.severalPremises !== undefined && from.length > 1) {
          losses.add(place, words.severalPremises);
        }
        for (const f of from) for (const t of to) addEdge(nodeIdOf.get(f)!, nodeIdOf.get(t)!, kind);
        break;
      }
      case 'L': {
        // Quotes come from the YA-nodes that link this L-node to the propositions it asserts.
        const asserted = targets.filter((t) => typeById.get(t) === 'YA');
        if (asserted.length === 0) {
          losses.add(place, 'Locutions (L-nodes) that assert no proposition are not imported');
        }
        break;
      }
      case 'YA': {
        const locutionIds = premises.filter((p) => typeById.get(p) === 'L');
        const propositions = targets.filter(isI);
        if (locutionIds.length === 0 || propositions.length === 0) {
          losses.add(
            place,
            'Illocutionary connections (YA-nodes) other than a locution asserting a proposition are not imported',
          );
          break;
        }
        const illocution = (node.text ?? '').trim();
        if (illocution !== '' && illocution.toLowerCase() !== 'asserting') {
          losses.add(
            place,
            `Illocutions other than "Asserting" (here "${illocution.slice(0, 40)}") are kept as plain quotes`,
          );
        }
        for (const lId of locutionIds) {
          const lIndex = indexById.get(lId)!;
          const lNode = doc.nodes[lIndex]!;
          const split = splitLocutionText(lNode.text ?? '', speakerOfLocution.get(lId));
          if (split.words === '') {
            losses.add(at('nodes', lIndex), 'Locutions without words were left out');
            continue;
          }
          let speaker = split.speaker;
          if (speaker === undefined || speaker.trim() === '') {
            speaker = 'Unknown speaker';
            losses.add(
              at('nodes', lIndex),
              'Locutions with no participant or "Speaker:" are attributed to "Unknown speaker"',
            );
          }
          const lPlace = at('nodes', lIndex);
          const quote = cleanField(split.words, LIMITS.quoteLength, losses, lPlace, 'A locution');
          const cleanSpeaker = cleanField(
            speaker,
            LIMITS.speakerLength,
            losses,
            lPlace,
            'A speaker',
          );
          for (const p of propositions) {
            const target = nodeByAifId.get(p)!;
            if (target.evidence.length >= LIMITS.evidencePerNode) {
              losses.add(
                lPlace,
                `Quotes past the ${LIMITS.evidencePerNode} a node may hold were left out`,
              );
              continue;
            }
            const evidence: Evidence | null = quoteSource.quote(quote, cleanSpeaker);
            if (!evidence) {
              losses.add(lPlace, 'Quotes past the longest source text allowed were left out');
              continue;
            }
            if (!target.evidence.some((e) => e.quote === quote && e.speaker === cleanSpeaker)) {
              target.evidence.push(evidence);
            }
          }
        }
        break;
      }
      default:
        losses.add(
          place,
          KNOWN_LOSSES[type] ?? `Nodes of type "${node.type.slice(0, 20)}" are not imported`,
        );
    }
  });

  // Positions: the extension's list, or the structural rule.
  const withIncoming = new Set(pending.map((e) => e.to));
  const withOutgoing = new Set(pending.map((e) => e.from));
  const listed = ext?.positions ? new Set(ext.positions.map(String)) : undefined;
  if (!listed) {
    losses.add(
      '',
      'AIF does not mark positions, so positions were chosen by structure: propositions that something supports or attacks and that support or attack nothing',
    );
  }
  for (const [aifNodeId, node] of nodeByAifId) {
    const isPosition = listed
      ? listed.has(aifNodeId)
      : withIncoming.has(node.id) && !withOutgoing.has(node.id);
    map.nodes.push(isPosition ? { ...node, kind: 'position' } : { ...node, kind: 'claim' });
  }

  for (const edge of pending) {
    if (map.edges.length >= LIMITS.edges) {
      losses.add(
        '',
        `Links past the ${LIMITS.edges.toLocaleString('en-US')} a map may hold were left out`,
      );
      break;
    }
    map.edges.push({ id: makeId(`e${map.edges.length + 1}`, taken, 'e'), ...edge });
  }

  const quoted = quoteSource.source();
  if (quoted) {
    map.sources.push(quoted);
    const count = map.nodes.reduce((n, node) => n + node.evidence.length, 0);
    losses.add(
      '',
      `AIF has no source documents, so the ${plural(count, 'quote')} are kept in one source made of the quoted words ("${quoted.title}")`,
    );
  }
  return finishImport(map, losses);
}
