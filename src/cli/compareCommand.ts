import { quoteText, type Comparison } from '../compare/compare';
import {
  classCsv,
  compareClass,
  comparisonJson,
  describeRelation,
  missedSentence,
  type ClassComparison,
  type StudentFile,
} from '../compare/report';
import {
  defaultSettings,
  parseSettings,
  settingsPathFor,
  type CompareSettings,
} from '../compare/settings';
import { formatIssue } from '../model/issue';
import type { ClashMap } from '../model/map';
import { relationKind } from '../model/relations/registry';
import type { CliIo } from './main';
import type { EvaluateHelpers } from './evaluateCommand';

type Parsed =
  | {
      ok: true;
      model: string;
      students: string[];
      csv: boolean;
      json: boolean;
      settings: string | null;
      threshold: number | null;
    }
  | { ok: false; problem: string };

function parseArgs(args: string[]): Parsed {
  const files: string[] = [];
  let csv = false;
  let json = false;
  let settings: string | null = null;
  let threshold: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--csv') csv = true;
    else if (arg === '--json') json = true;
    else if (arg === '--settings' || arg === '--threshold') {
      const value = args[++i];
      if (value === undefined) return { ok: false, problem: `${arg} needs a value` };
      if (arg === '--settings') settings = value;
      else {
        threshold = Number(value);
        if (value.trim() === '' || !(threshold >= 0 && threshold <= 1))
          return { ok: false, problem: `--threshold "${value}": give a number from 0 to 1` };
      }
    } else if (arg.startsWith('-') && arg !== '-')
      return { ok: false, problem: `unknown option "${arg}"` };
    else files.push(arg);
  }
  if (csv && json) return { ok: false, problem: 'choose one of --csv and --json' };
  if (files.length < 2)
    return { ok: false, problem: 'compare needs a MODEL and at least one STUDENT file' };
  return { ok: true, model: files[0]!, students: files.slice(1), csv, json, settings, threshold };
}

/** The teacher's settings: the file given, else the one next to the model if there is one. */
function loadSettings(
  model: string,
  given: string | null,
  io: CliIo,
): { ok: true; settings: CompareSettings; from: string | null } | { ok: false } {
  const path = given ?? settingsPathFor(model);
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (error) {
    if (given === null && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: true, settings: defaultSettings(), from: null };
    io.err(`${path}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false };
  }
  const parsed = parseSettings(new TextDecoder().decode(bytes));
  if (!parsed.ok) {
    io.err(`${path}: these compare settings have a problem.`);
    for (const issue of parsed.issues) io.err(`${path}: ${formatIssue(issue)}`);
    return { ok: false };
  }
  return { ok: true, settings: parsed.settings, from: path };
}

const two = (n: number) => n.toFixed(2);

/**
 * `clashmap compare MODEL STUDENT… [--csv] [--json] [--settings FILE] [--threshold N]`: each
 * student's map against the model, in words (the default), as one JSON object per student per
 * line, or as CSV. Exit 0; 1 when the model or any student's file will not open (the others are
 * still compared); 2 for bad usage.
 */
export function compareCommand(args: string[], io: CliIo, helpers: EvaluateHelpers): number {
  const parsed = parseArgs(args);
  if (!parsed.ok) return helpers.usageError(io, parsed.problem);
  const model = helpers.load(parsed.model, io);
  if (!model.ok) {
    for (const line of model.lines) io.err(`${parsed.model}: ${line}`);
    return 1;
  }
  const loaded = loadSettings(parsed.model, parsed.settings, io);
  if (!loaded.ok) return 1;
  const settings =
    parsed.threshold === null
      ? loaded.settings
      : { ...loaded.settings, threshold: parsed.threshold };
  const students = parsed.students.map((name): StudentFile => {
    const result = helpers.load(name, io);
    return result.ok
      ? { name, ok: true, map: result.map }
      : { name, ok: false, errors: result.lines };
  });
  const result = compareClass(model.map, students, settings);
  let failed = 0;
  for (const entry of result.entries) {
    if (entry.ok) continue;
    failed++;
    for (const line of entry.errors) io.err(`${entry.name}: ${line}`);
  }
  if (parsed.csv) {
    io.out(classCsv(result).replace(/\r\n$/, '').replace(/\r\n/g, '\n'));
  } else if (parsed.json) {
    for (const entry of result.entries)
      if (entry.ok) io.out(JSON.stringify(comparisonJson(entry.name, entry.comparison)));
  } else {
    if (loaded.from) io.out(`Using the teacher’s decisions in ${loaded.from}.`);
    for (const entry of result.entries) if (entry.ok) printWords(entry.name, entry.comparison, io);
    if (result.compared > 1) printClass(result.model, result, io);
  }
  return failed > 0 ? 1 : 0;
}

function printWords(name: string, c: Comparison, io: CliIo): void {
  const text = (map: ClashMap) => {
    const table = new Map(map.nodes.map((n) => [n.id, n.text]));
    return (id: string) => quoteText(table.get(id) ?? id);
  };
  const modelText = text(c.model);
  const studentText = text(c.student);
  const s = c.scores;
  io.out('');
  io.out(`${name}: combined ${two(s.combined.value)}`);
  for (const [label, score] of [
    ['claim recall', s.claimRecall],
    ['claim precision', s.claimPrecision],
    ['relation F1', s.relationF1],
    ['combined', s.combined],
  ] as const)
    io.out(`  ${label} ${two(score.value)}: ${score.explanation}`);
  if (c.matched.length > 0) io.out('  Matched');
  for (const m of c.matched)
    io.out(`    ${modelText(m.model)} = ${studentText(m.student)} (${m.why})`);
  if (c.missing.length > 0) io.out('  Missing');
  for (const id of c.missing) io.out(`    ${modelText(id)}`);
  if (c.extra.length > 0) io.out('  Extra');
  for (const id of c.extra) io.out(`    ${studentText(id)}`);
  const differences = c.relations.filter((r) => r.status !== 'present');
  if (differences.length > 0) io.out('  Relations');
  for (const diff of differences) io.out(`    ${describeRelation(diff, c)}`);
  if (c.labels.length > 0) io.out('  Positions judged differently');
  for (const l of c.labels) {
    io.out(`    ${modelText(l.model)}: ${l.modelLabel} in the model (${l.modelReason});`);
    io.out(`      ${l.studentLabel} in the student’s map (${l.studentReason})`);
  }
}

function printClass(model: ClashMap, result: ClassComparison, io: CliIo): void {
  const text = new Map(model.nodes.map((n) => [n.id, quoteText(n.text)]));
  io.out('');
  io.out(`Class: ${result.compared} maps compared. Claims and positions, found by how many:`);
  for (const node of model.nodes)
    io.out(`  ${String(result.nodeFound.get(node.id) ?? 0).padStart(3)}  ${text.get(node.id)}`);
  io.out('Relations, drawn as in the model by how many (+ nearly: wrong kind, reversed, partial):');
  for (const edge of model.edges) {
    const { exact, near } = result.edgeFound.get(edge.id) ?? { exact: 0, near: 0 };
    const verb = relationKind(edge.kind).names.verb;
    io.out(
      `  ${String(exact).padStart(3)}${near > 0 ? ` +${near}` : ''}  ${text.get(edge.from)} ${verb} ${text.get(edge.to)}`,
    );
  }
  io.out(missedSentence(result));
}
