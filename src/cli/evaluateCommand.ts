import { reasonInWords, type Assumption, type Evaluation } from '../model/evaluate';
import { evaluateRound } from '../model/roundEvaluation';
import type { ClashMap } from '../model/map';
import type { MapNode } from '../model/node';
import type { CliIo } from './main';

/** What main.ts lends this command, so that loading and usage errors read the same everywhere. */
export interface EvaluateHelpers {
  load: (path: string, io: CliIo) => { ok: true; map: ClashMap } | { ok: false; lines: string[] };
  usageError: (io: CliIo, problem?: string) => number;
}

const ASSUME = '--assume';
const LABEL_WIDTH = 'undecided'.length + 1;

type Parsed =
  | { ok: true; file: string; assumptions: Map<string, { value: Assumption; raw: string }> }
  | { ok: false; problem: string };

function parseArgs(args: string[]): Parsed {
  const files: string[] = [];
  const assumptions = new Map<string, { value: Assumption; raw: string }>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let raw: string | undefined;
    if (arg === ASSUME) {
      raw = args[++i];
      if (raw === undefined) return { ok: false, problem: `${ASSUME} needs ID=stands or ID=falls` };
    } else if (arg.startsWith(`${ASSUME}=`)) {
      raw = arg.slice(ASSUME.length + 1);
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, problem: `unknown option "${arg}"` };
    } else {
      files.push(arg);
      continue;
    }
    const equals = raw.indexOf('=');
    if (equals < 0) {
      return { ok: false, problem: `${ASSUME} "${raw}": write it as ID=stands or ID=falls` };
    }
    const id = raw.slice(0, equals);
    const value = raw.slice(equals + 1);
    if (value !== 'stands' && value !== 'falls') {
      return {
        ok: false,
        problem: `${ASSUME} "${raw}": "${value}" is not a verdict; use stands or falls`,
      };
    }
    const earlier = assumptions.get(id);
    if (earlier !== undefined && earlier.value !== value) {
      return { ok: false, problem: `${ASSUME} "${raw}" contradicts ${ASSUME} "${earlier.raw}"` };
    }
    assumptions.set(id, { value, raw });
  }
  if (files.length !== 1) return { ok: false, problem: 'evaluate needs one FILE' };
  return { ok: true, file: files[0]!, assumptions };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function nodeLines(nodes: MapNode[], evaluation: Evaluation, map: ClashMap): string[] {
  const indent = ' '.repeat(LABEL_WIDTH);
  return nodes.flatMap((node) => [
    `${evaluation.nodes.get(node.id)!.label.padEnd(LABEL_WIDTH)}${node.id}  ${oneLine(node.text)}`,
    `${indent}— ${reasonInWords(evaluation, node.id, map)}`,
  ]);
}

function summary(heading: string, nodes: MapNode[], evaluation: Evaluation): string {
  const count = (label: string) =>
    nodes.filter((node) => evaluation.nodes.get(node.id)!.label === label).length;
  const stand = count('stands');
  const fall = count('falls');
  return `${heading}: ${stand} ${stand === 1 ? 'stands' : 'stand'}, ${fall} ${fall === 1 ? 'falls' : 'fall'}, ${count('undecided')} undecided`;
}

/**
 * `clashmap evaluate FILE [--assume ID=stands|falls]…`: prints each node's label and the reason
 * for it, positions first, then a summary. Exit 0, 1 for a file that will not load, 2 for bad
 * usage or an --assume that names no node.
 */
export function evaluateCommand(args: string[], io: CliIo, helpers: EvaluateHelpers): number {
  const parsed = parseArgs(args);
  if (!parsed.ok) return helpers.usageError(io, parsed.problem);
  const { file, assumptions } = parsed;
  const loaded = helpers.load(file, io);
  if (!loaded.ok) {
    for (const line of loaded.lines) io.err(`${file}: ${line}`);
    return 1;
  }
  const map = loaded.map;
  const ids = new Set(map.nodes.map((node) => node.id));
  for (const [id, { raw }] of assumptions) {
    if (!ids.has(id)) {
      io.err(`${ASSUME} "${raw}": ${file} has no node with the id "${id}"`);
      return 2;
    }
  }

  // A round's drops and crossings-out count, as in the app's "Which positions stand".
  const { evaluation } = evaluateRound(
    map,
    new Map([...assumptions].map(([id, { value }]) => [id, value] as const)),
  );
  const positions = map.nodes.filter((node) => node.kind === 'position');
  const claims = map.nodes.filter((node) => node.kind !== 'position');
  const lines: string[] = [];
  if (assumptions.size > 0) {
    const what = [...assumptions].map(([id, { value }]) => `${id} ${value}`);
    lines.push(`Assuming ${what.join(', ')}.`, '');
  }
  if (positions.length > 0) lines.push('Positions', ...nodeLines(positions, evaluation, map), '');
  if (claims.length > 0) lines.push('Claims', ...nodeLines(claims, evaluation, map), '');
  lines.push(summary('Positions', positions, evaluation), summary('Claims', claims, evaluation));
  for (const line of lines) io.out(line);
  return 0;
}
