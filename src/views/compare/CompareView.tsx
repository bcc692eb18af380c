import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  readSettingsFile,
  readStudentFiles,
  rememberSettings,
  rememberedSettings,
} from '../../app/compareFiles';
import { quoteText } from '../../compare/compare';
import {
  classCsv,
  compareClass,
  missedSentence,
  type ClassEntry,
  type StudentFile,
} from '../../compare/report';
import { serializeSettings, settingsPathFor, type CompareSettings } from '../../compare/settings';
import { downloadText, suggestFileName } from '../../io/fileAccess';
import { useClashmap } from '../../store/StoreContext';
import { MapDrawing, type EdgeLook, type Mark, type NodeLook } from './MapDrawing';
import { ClassTable, columnValue, type Column } from './ClassTable';
import { DifferenceList, differencesOf, type Difference } from './Differences';
import { NOTHING, type Highlight, type Side } from './highlight';
import { MatchPanel } from './MatchPanel';
import { Legend, ScoreList, Tuning } from './Panels';
import './compare.css';

/** A student's file name made unique among those already there ("map.json (2)"). */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name} (${n})`)) n++;
  return `${name} (${n})`;
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
          {result.compared > 1 && <p className="cm-cmp-pane__note">{missedSentence(result)}</p>}
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
