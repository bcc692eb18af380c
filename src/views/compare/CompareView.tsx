import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  readSettingsFile,
  readStudentFiles,
  rememberSettings,
  rememberedSettings,
} from '../../app/compareFiles';
import { quoteText, type Comparison, type Scores } from '../../compare/compare';
import {
  classCsv,
  compareClass,
  describeRelation,
  type ClassEntry,
  type StudentFile,
} from '../../compare/report';
import {
  decisionKey,
  serializeSettings,
  settingsPathFor,
  withDecision,
  withoutDecision,
  type CompareSettings,
  type ScoreWeights,
} from '../../compare/settings';
import { downloadText, suggestFileName } from '../../io/fileAccess';
import type { ClashMap } from '../../model/map';
import { useClashmap } from '../../store/StoreContext';
import { MapDrawing, type EdgeLook, type Mark, type NodeLook } from './MapDrawing';
import './compare.css';

type Side = 'model' | 'student';
interface Highlight {
  model: ReadonlySet<string>;
  student: ReadonlySet<string>;
}
const NOTHING: Highlight = { model: new Set(), student: new Set() };

type Column = 'name' | 'combined' | 'claimRecall' | 'claimPrecision' | 'relationF1' | 'labels';
const COLUMNS: { id: Column; label: string }[] = [
  { id: 'name', label: 'Student' },
  { id: 'combined', label: 'Combined' },
  { id: 'claimRecall', label: 'Claim recall' },
  { id: 'claimPrecision', label: 'Claim precision' },
  { id: 'relationF1', label: 'Relation F1' },
  { id: 'labels', label: 'Positions judged differently' },
];

const SCORE_NAMES: { id: keyof Scores; label: string }[] = [
  { id: 'combined', label: 'Combined' },
  { id: 'claimRecall', label: 'Claim recall' },
  { id: 'claimPrecision', label: 'Claim precision' },
  { id: 'relationF1', label: 'Relation F1' },
];

const percent = (value: number) => `${Math.round(value * 100)}%`;

function columnValue(entry: ClassEntry & { ok: true }, column: Column): number | string {
  const c = entry.comparison;
  switch (column) {
    case 'name':
      return entry.name;
    case 'labels':
      return c.labels.length;
    case 'combined':
    case 'claimRecall':
    case 'claimPrecision':
    case 'relationF1':
      return c.scores[column].value;
    default: {
      const unknown: never = column;
      throw new TypeError(`unknown column ${String(unknown)}`);
    }
  }
}

/** A student's file name made unique among those already there ("map.json (2)"). */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name} (${n})`)) n++;
  return `${name} (${n})`;
}

interface Difference {
  key: string;
  text: string;
  show: Highlight;
}

function differencesOf(c: Comparison): Difference[] {
  const modelText = new Map(c.model.nodes.map((n) => [n.id, n.text]));
  const studentText = new Map(c.student.nodes.map((n) => [n.id, n.text]));
  const items: Difference[] = [];
  for (const id of c.missing)
    items.push({
      key: `missing:${id}`,
      text: `Missing: ${quoteText(modelText.get(id) ?? id)}`,
      show: { model: new Set([id]), student: new Set() },
    });
  for (const id of c.extra)
    items.push({
      key: `extra:${id}`,
      text: `Not in the model: ${quoteText(studentText.get(id) ?? id)}`,
      show: { model: new Set(), student: new Set([id]) },
    });
  c.relations.forEach((diff, i) => {
    if (diff.status === 'present') return;
    const text = describeRelation(diff, c);
    items.push({
      key: `relation:${i}`,
      text: text.charAt(0).toUpperCase() + text.slice(1),
      show: {
        model: new Set(diff.model.flatMap((e) => [e.id, e.from, e.to])),
        student: new Set(diff.student.flatMap((e) => [e.id, e.from, e.to])),
      },
    });
  });
  for (const l of c.labels)
    items.push({
      key: `label:${l.model}`,
      text: `${quoteText(modelText.get(l.model) ?? l.model)} ${l.modelLabel} in the model (${l.modelReason}) but ${l.studentLabel} in the student’s map (${l.studentReason})`,
      show: { model: new Set([l.model]), student: new Set([l.student]) },
    });
  return items;
}

/**
 * The compare view: the open map is the model answer; the teacher adds students' maps. The
 * model is drawn with each claim and relation marked for the chosen student (and, for a class,
 * how many found it); the student's map beside it; matched claims light up together; the
 * differences are listed with "Show on map"; matches can be confirmed, broken or made by hand.
 */
export function CompareView({ onClose }: { onClose: () => void }) {
  const model = useClashmap((s) => s.map);
  const fileName = useClashmap((s) => s.fileName);
  const [students, setStudents] = useState<StudentFile[]>([]);
  const [settings, setSettingsState] = useState<CompareSettings>(() =>
    rememberedSettings(model.title),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<Highlight>(NOTHING);
  const [hovered, setHovered] = useState<{ side: Side; id: string } | null>(null);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: 'combined',
    descending: true,
  });
  const [notice, setNotice] = useState<string[] | null>(null);
  const [scale, setScale] = useState(() => (window.innerWidth < 760 ? 0.6 : 0.75));
  const root = useRef<HTMLDivElement>(null);
  const studentInput = useRef<HTMLInputElement>(null);
  const settingsInput = useRef<HTMLInputElement>(null);

  const setSettings = useCallback(
    (next: CompareSettings) => {
      setSettingsState(next);
      rememberSettings(model.title, next);
    },
    [model.title],
  );

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    root.current?.focus();
    return () => opener?.focus();
  }, []);

  const result = useMemo(
    () => compareClass(model, students, settings),
    [model, students, settings],
  );
  const compared = useMemo(
    () => result.entries.filter((e): e is ClassEntry & { ok: true } => e.ok),
    [result],
  );
  const failed = useMemo(
    () => result.entries.filter((e): e is ClassEntry & { ok: false } => !e.ok),
    [result],
  );
  const current = compared.find((e) => e.name === chosen) ?? compared[0] ?? null;
  const comparison = current?.comparison ?? null;

  const addFiles = useCallback(async (files: readonly File[]) => {
    if (files.length === 0) return;
    const read = await readStudentFiles(files);
    setStudents((before) => {
      const taken = new Set(before.map((s) => s.name));
      const added = read.map((file) => {
        const name = uniqueName(file.name, taken);
        taken.add(name);
        return { ...file, name };
      });
      return [...before, ...added];
    });
  }, []);

  const partnerOf = useMemo(() => {
    const toStudent = new Map<string, string>();
    const toModel = new Map<string, string>();
    for (const m of comparison?.matched ?? []) {
      toStudent.set(m.model, m.student);
      toModel.set(m.student, m.model);
    }
    return { toStudent, toModel };
  }, [comparison]);

  // What lights up: the highlight (a selection or "Show on map"), and the hovered card's match.
  const lit = useMemo(() => {
    const modelLinked = new Set<string>();
    const studentLinked = new Set<string>();
    for (const id of highlight.model) {
      const partner = partnerOf.toStudent.get(id);
      if (partner && !highlight.student.has(partner)) studentLinked.add(partner);
    }
    for (const id of highlight.student) {
      const partner = partnerOf.toModel.get(id);
      if (partner && !highlight.model.has(partner)) modelLinked.add(partner);
    }
    if (hovered?.side === 'model') {
      const partner = partnerOf.toStudent.get(hovered.id);
      if (partner) studentLinked.add(partner);
    } else if (hovered?.side === 'student') {
      const partner = partnerOf.toModel.get(hovered.id);
      if (partner) modelLinked.add(partner);
    }
    return { modelLinked, studentLinked };
  }, [highlight, hovered, partnerOf]);

  const modelNodeLook = useCallback(
    (id: string): NodeLook => {
      const heat = result.compared > 1 ? (result.nodeFound.get(id) ?? 0) / result.compared : null;
      const found = result.nodeFound.get(id) ?? 0;
      const classPart =
        result.compared > 1 ? `; found by ${found} of ${result.compared} students` : '';
      if (!comparison) return { mark: null, status: 'model answer', heat, badge: null };
      const matched = partnerOf.toStudent.has(id);
      return {
        mark: matched ? 'found' : 'missing',
        status: `${matched ? 'found' : 'missing'} in ${current!.name}${classPart}`,
        heat,
        badge: result.compared > 1 ? `${found}/${result.compared}` : null,
      };
    },
    [comparison, current, partnerOf, result],
  );

  const edgeMarks = useMemo(() => {
    const model = new Map<string, Mark>();
    const student = new Map<string, Mark>();
    const rank: Record<Mark, number> = { found: 3, near: 2, missing: 1, extra: 0 };
    const put = (table: Map<string, Mark>, id: string, mark: Mark) => {
      const before = table.get(id);
      if (before === undefined || rank[mark] > rank[before]) table.set(id, mark);
    };
    for (const diff of comparison?.relations ?? []) {
      const mark: Mark =
        diff.status === 'present'
          ? 'found'
          : diff.status === 'missing'
            ? 'missing'
            : diff.status === 'extra'
              ? 'extra'
              : 'near';
      for (const e of diff.model) put(model, e.id, mark);
      for (const e of diff.student) put(student, e.id, mark);
    }
    return { model, student };
  }, [comparison]);

  const MARK_WORDS: Record<Mark, string> = {
    found: 'as in the model',
    near: 'nearly as in the model',
    missing: 'missing',
    extra: 'not in the model',
  };
  const modelEdgeLook = useCallback(
    (id: string): EdgeLook => {
      const tally = result.edgeFound.get(id);
      const heat =
        result.compared > 1 && tally ? (tally.exact + tally.near / 2) / result.compared : null;
      const mark = edgeMarks.model.get(id) ?? null;
      return { mark, status: mark ? MARK_WORDS[mark] : 'model answer', heat };
    },
    // MARK_WORDS is a constant table.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [edgeMarks, result],
  );
  const studentNodeLook = useCallback(
    (id: string): NodeLook => {
      const partner = partnerOf.toModel.get(id);
      const text = partner ? model.nodes.find((n) => n.id === partner)?.text : undefined;
      return partner
        ? {
            mark: 'found',
            status: `matches ${quoteText(text ?? partner)}`,
            heat: null,
            badge: null,
          }
        : { mark: 'extra', status: 'not in the model', heat: null, badge: null };
    },
    [partnerOf, model],
  );
  const studentEdgeLook = useCallback(
    (id: string): EdgeLook => {
      const mark = edgeMarks.student.get(id) ?? null;
      return { mark, status: mark ? MARK_WORDS[mark] : '', heat: null };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [edgeMarks],
  );

  const select = useCallback((side: Side, id: string) => {
    setHighlight((before) =>
      before[side].size === 1 && before[side].has(id)
        ? NOTHING
        : side === 'model'
          ? { model: new Set([id]), student: new Set() }
          : { model: new Set(), student: new Set([id]) },
    );
  }, []);
  const selectModel = useCallback((id: string) => select('model', id), [select]);
  const selectStudent = useCallback((id: string) => select('student', id), [select]);
  const hoverModel = useCallback(
    (id: string | null) => setHovered(id === null ? null : { side: 'model', id }),
    [],
  );
  const hoverStudent = useCallback(
    (id: string | null) => setHovered(id === null ? null : { side: 'student', id }),
    [],
  );

  const showOnMap = (item: Difference) => {
    setHighlight(item.show);
    // After the highlight is drawn: bring the first card into view and give it focus.
    requestAnimationFrame(() => {
      const [first] = [...item.show.model].filter((id) => model.nodes.some((n) => n.id === id));
      const side = first !== undefined ? 'model' : 'student';
      const id =
        first ??
        [...item.show.student].find((sid) => comparison?.student.nodes.some((n) => n.id === sid));
      if (id === undefined) return;
      const card = root.current?.querySelector<HTMLElement>(
        `.cm-cmp-pane--${side} [data-node-id="${CSS.escape(id)}"]`,
      );
      card?.scrollIntoView({ block: 'center', inline: 'center' });
      card?.focus({ preventScroll: true });
    });
  };

  const sorted = useMemo(() => {
    const rows = [...compared];
    rows.sort((a, b) => {
      const x = columnValue(a, sort.column);
      const y = columnValue(b, sort.column);
      const order =
        typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
      return sort.descending ? -order : order;
    });
    return rows;
  }, [compared, sort]);

  const baseName = (fileName ?? suggestFileName(model.title)).replace(
    /\.clashmap\.json$|\.json$/i,
    '',
  );
  const exportCsv = () => downloadText(classCsv(result), `${baseName}-class.csv`, 'text/csv');
  const saveDecisions = () =>
    downloadText(
      serializeSettings(settings),
      settingsPathFor(fileName ?? suggestFileName(model.title)),
      'application/json',
    );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (highlight !== NOTHING) setHighlight(NOTHING);
    else onClose();
  };

  return (
    <div
      ref={root}
      className="cm-cmp"
      role="region"
      aria-label="Compare maps"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        void addFiles([...event.dataTransfer.files]);
      }}
    >
      <div className="cm-cmp__bar">
        <h2 className="cm-cmp__title">Compare with students’ maps</h2>
        <button type="button" className="cm-tool" onClick={() => studentInput.current?.click()}>
          Add students’ maps…
        </button>
        <input
          ref={studentInput}
          type="file"
          multiple
          hidden
          accept=".json,.svg,application/json,image/svg+xml"
          aria-label="Students’ map files"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void addFiles(files);
          }}
        />
        <button
          type="button"
          className="cm-tool"
          onClick={exportCsv}
          disabled={result.entries.length === 0}
        >
          Export CSV
        </button>
        <button type="button" className="cm-tool" onClick={saveDecisions}>
          Save decisions
        </button>
        <button type="button" className="cm-tool" onClick={() => settingsInput.current?.click()}>
          Open decisions…
        </button>
        <input
          ref={settingsInput}
          type="file"
          hidden
          accept=".json,application/json"
          aria-label="Decisions file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            void readSettingsFile(file).then((read) => {
              if (read.ok) {
                setSettings(read.settings);
                setNotice([`Decisions read from ${file.name}.`]);
              } else setNotice(read.lines);
            });
          }}
        />
        <button
          type="button"
          className="cm-tool"
          aria-label="Smaller drawings"
          onClick={() => setScale((s) => Math.max(0.25, s - 0.1))}
        >
          −
        </button>
        <button
          type="button"
          className="cm-tool"
          aria-label="Larger drawings"
          onClick={() => setScale((s) => Math.min(1, s + 0.1))}
        >
          +
        </button>
        <button type="button" className="cm-tool cm-cmp__close" onClick={onClose}>
          Close compare view
        </button>
      </div>
      {notice && (
        <div className="cm-cmp__notice" role="status">
          {notice.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          <button type="button" className="cm-tool" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <Tuning settings={settings} onChange={setSettings} />
      {failed.length > 0 && (
        <section className="cm-cmp__failed" aria-label="Files that did not open">
          <h3>Files that did not open</h3>
          <ul>
            {failed.map((f) => (
              <li key={f.name}>
                <strong>{f.name}</strong>
                {f.errors.map((line, i) => (
                  <span key={i} className="cm-cmp__error">
                    {line}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      {compared.length > 0 && (
        <ClassTable
          rows={sorted}
          current={current?.name ?? null}
          sort={sort}
          onSort={(column) =>
            setSort((s) =>
              s.column === column
                ? { column, descending: !s.descending }
                : { column, descending: column !== 'name' },
            )
          }
          onChoose={(name) => {
            setChosen(name);
            setHighlight(NOTHING);
          }}
        />
      )}
      {result.entries.length === 0 && (
        <p className="cm-cmp__empty">
          The open map is the model answer. Choose your students’ map files with “Add students’
          maps…”, or drop them here, to see what each student found.
        </p>
      )}
      <div className={`cm-cmp__panes${comparison ? '' : ' cm-cmp__panes--one'}`}>
        <section className="cm-cmp-pane cm-cmp-pane--model" aria-label="Model answer">
          <h3>
            Model answer: {model.title}
            {result.compared > 1 && ` (heat: how many of ${result.compared} students found each)`}
          </h3>
          <div className="cm-cmp-pane__scroll">
            <MapDrawing
              map={model}
              side="Model"
              nodeLook={modelNodeLook}
              edgeLook={modelEdgeLook}
              selected={highlight.model}
              linked={lit.modelLinked}
              onSelect={selectModel}
              onHover={hoverModel}
              scale={scale}
            />
          </div>
        </section>
        {current && comparison && (
          <section
            className="cm-cmp-pane cm-cmp-pane--student"
            aria-label={`Student map: ${current.name}`}
          >
            <h3>Student: {current.name}</h3>
            <div className="cm-cmp-pane__scroll">
              <MapDrawing
                map={comparison.student}
                side="Student"
                nodeLook={studentNodeLook}
                edgeLook={studentEdgeLook}
                selected={highlight.student}
                linked={lit.studentLinked}
                onSelect={selectStudent}
                onHover={hoverStudent}
                scale={scale}
              />
            </div>
          </section>
        )}
      </div>
      <Legend />
      {current && comparison && (
        <div className="cm-cmp__details">
          <MatchPanel
            key={`${current.name}|${[...highlight.model].join(',')}|${[...highlight.student].join(',')}`}
            comparison={comparison}
            highlight={highlight}
            settings={settings}
            onSettings={setSettings}
          />
          <ScoreList scores={comparison.scores} name={current.name} />
          <DifferenceList items={differencesOf(comparison)} onShow={showOnMap} />
        </div>
      )}
    </div>
  );
}

function Tuning({
  settings,
  onChange,
}: {
  settings: CompareSettings;
  onChange: (next: CompareSettings) => void;
}) {
  const weight = (key: keyof ScoreWeights, label: string) => (
    <label>
      {label}
      <input
        type="number"
        min={0}
        max={100}
        step={0.1}
        value={settings.weights[key]}
        onChange={(event) => {
          const value = event.target.valueAsNumber;
          if (Number.isFinite(value) && value >= 0 && value <= 100)
            onChange({ ...settings, weights: { ...settings.weights, [key]: value } });
        }}
      />
    </label>
  );
  return (
    <details className="cm-cmp__tuning">
      <summary>Matching threshold and score weights</summary>
      <label>
        Match threshold (0–1)
        <input
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={settings.threshold}
          onChange={(event) => {
            const value = event.target.valueAsNumber;
            if (Number.isFinite(value) && value >= 0 && value <= 1)
              onChange({ ...settings, threshold: value });
          }}
        />
      </label>
      {weight('claimRecall', 'Weight of claim recall')}
      {weight('claimPrecision', 'Weight of claim precision')}
      {weight('relations', 'Weight of relation F1')}
      <span className="cm-cmp__hint">
        {settings.decisions.length === 0
          ? 'No matches made by hand yet.'
          : `${settings.decisions.length} match decision${settings.decisions.length === 1 ? '' : 's'} made by hand.`}
      </span>
    </details>
  );
}

function ClassTable({
  rows,
  current,
  sort,
  onSort,
  onChoose,
}: {
  rows: (ClassEntry & { ok: true })[];
  current: string | null;
  sort: { column: Column; descending: boolean };
  onSort: (column: Column) => void;
  onChoose: (name: string) => void;
}) {
  return (
    <div className="cm-cmp__table-wrap">
      <table className="cm-cmp__table" aria-label="Students">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.id}
                scope="col"
                aria-sort={
                  sort.column === column.id
                    ? sort.descending
                      ? 'descending'
                      : 'ascending'
                    : 'none'
                }
              >
                <button type="button" onClick={() => onSort(column.id)}>
                  {column.label}
                  <span aria-hidden="true">
                    {sort.column === column.id ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const s = row.comparison.scores;
            return (
              <tr key={row.name} className={row.name === current ? 'is-current' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    aria-pressed={row.name === current}
                    aria-label={`Show ${row.name}`}
                    onClick={() => onChoose(row.name)}
                  >
                    {row.name}
                  </button>
                </th>
                <td>{percent(s.combined.value)}</td>
                <td>{percent(s.claimRecall.value)}</td>
                <td>{percent(s.claimPrecision.value)}</td>
                <td>{percent(s.relationF1.value)}</td>
                <td>{row.comparison.labels.length}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ScoreList({ scores, name }: { scores: Scores; name: string }) {
  return (
    <section className="cm-cmp__scores" aria-label={`Scores of ${name}`}>
      <h3>Scores of {name}</h3>
      <dl>
        {SCORE_NAMES.map(({ id, label }) => (
          <div key={id}>
            <dt>
              {label}: {percent(scores[id].value)}
            </dt>
            <dd>{scores[id].explanation}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The differences, one per line; ↑ and ↓ move between their "Show on map" buttons. */
function DifferenceList({
  items,
  onShow,
}: {
  items: Difference[];
  onShow: (item: Difference) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    event.preventDefault();
    const next =
      event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0);
    buttons[next]?.focus();
  };
  return (
    <section className="cm-cmp__differences" aria-label="Differences">
      <h3>Differences ({items.length})</h3>
      {items.length === 0 ? (
        <p>None: this map says what the model says.</p>
      ) : (
        <ol ref={list} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <li key={item.key}>
              <span id={`cm-cmp-diff-${item.key}`}>{item.text}</span>
              <button
                type="button"
                className="cm-tool"
                aria-describedby={`cm-cmp-diff-${item.key}`}
                onClick={() => onShow(item)}
              >
                Show on map
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The match of the selected card, and the teacher's controls to confirm, break or make one. */
function MatchPanel({
  comparison,
  highlight,
  settings,
  onSettings,
}: {
  comparison: Comparison;
  highlight: Highlight;
  settings: CompareSettings;
  onSettings: (next: CompareSettings) => void;
}) {
  const [candidate, setCandidate] = useState('');
  const one = (set: ReadonlySet<string>, map: ClashMap) =>
    set.size === 1 ? map.nodes.find((n) => set.has(n.id)) : undefined;
  const modelNode = one(highlight.model, comparison.model);
  const studentNode = one(highlight.student, comparison.student);
  const side: Side | null =
    modelNode && highlight.student.size === 0
      ? 'model'
      : studentNode && highlight.model.size === 0
        ? 'student'
        : null;
  if (side === null)
    return (
      <section className="cm-cmp__match" aria-label="Match">
        <h3>Match</h3>
        <p>Select a card in either map to see its match, and to confirm, break or make one.</p>
      </section>
    );
  const node = side === 'model' ? modelNode! : studentNode!;
  const match = comparison.matched.find((m) =>
    side === 'model' ? m.model === node.id : m.student === node.id,
  );
  const studentText = (id: string) => comparison.student.nodes.find((n) => n.id === id)!.text;
  const modelText = (id: string) => comparison.model.nodes.find((n) => n.id === id)!.text;
  const decided = match
    ? settings.decisions.find(
        (d) =>
          d.model === match.model &&
          d.match &&
          decisionKey(d.student) === decisionKey(studentText(match.student)),
      )
    : undefined;
  const others = (side === 'model' ? comparison.student.nodes : comparison.model.nodes)
    .map((other) => ({
      node: other,
      score:
        side === 'model'
          ? comparison.similarity(node.id, other.id).score
          : comparison.similarity(other.id, node.id).score,
    }))
    .sort((a, b) => b.score - a.score);
  return (
    <section className="cm-cmp__match" aria-label="Match">
      <h3>Match</h3>
      <p>
        {side === 'model' ? 'Model' : 'Student'}: {quoteText(node.text)}
      </p>
      {match ? (
        <>
          <p>
            Matched with{' '}
            {quoteText(side === 'model' ? studentText(match.student) : modelText(match.model))}:{' '}
            {match.why}.
          </p>
          <div className="cm-cmp__actions">
            {decided ? (
              <button
                type="button"
                className="cm-tool"
                onClick={() =>
                  onSettings(withoutDecision(settings, match.model, studentText(match.student)))
                }
              >
                Undo my match
              </button>
            ) : (
              <button
                type="button"
                className="cm-tool"
                onClick={() =>
                  onSettings(
                    withDecision(settings, {
                      model: match.model,
                      student: studentText(match.student),
                      match: true,
                    }),
                  )
                }
              >
                Confirm match
              </button>
            )}
            <button
              type="button"
              className="cm-tool"
              onClick={() =>
                onSettings(
                  withDecision(settings, {
                    model: match.model,
                    student: studentText(match.student),
                    match: false,
                  }),
                )
              }
            >
              Break match
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{side === 'model' ? 'Not found in this student’s map.' : 'Not in the model.'}</p>
          <div className="cm-cmp__actions">
            <label>
              Match with
              <select value={candidate} onChange={(event) => setCandidate(event.target.value)}>
                <option value="">Choose a claim…</option>
                {others.map(({ node: other, score }) => (
                  <option key={other.id} value={other.id}>
                    {quoteText(other.text)} ({score.toFixed(2)})
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="cm-tool"
              disabled={candidate === ''}
              onClick={() => {
                const modelId = side === 'model' ? node.id : candidate;
                const studentId = side === 'model' ? candidate : node.id;
                onSettings(
                  withDecision(settings, {
                    model: modelId,
                    student: studentText(studentId),
                    match: true,
                  }),
                );
              }}
            >
              Make match
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function Legend() {
  return (
    <ul className="cm-cmp__legend" aria-label="What the marks mean">
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--found" aria-hidden="true" /> found / as in the
        model
      </li>
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--near" aria-hidden="true" /> nearly (wrong
        kind, reversed, partial)
      </li>
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--missing" aria-hidden="true" /> missing
      </li>
      <li>
        <span className="cm-cmp-swatch cm-cmp-swatch--extra" aria-hidden="true" /> not in the model
      </li>
    </ul>
  );
}
