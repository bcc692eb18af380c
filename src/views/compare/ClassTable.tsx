import type { ClassEntry } from '../../compare/report';
import { percent } from './highlight';

export type Column =
  'name' | 'combined' | 'claimRecall' | 'claimPrecision' | 'relationF1' | 'labels';
const COLUMNS: { id: Column; label: string }[] = [
  { id: 'name', label: 'Student' },
  { id: 'combined', label: 'Combined' },
  { id: 'claimRecall', label: 'Claim recall' },
  { id: 'claimPrecision', label: 'Claim precision' },
  { id: 'relationF1', label: 'Relation F1' },
  { id: 'labels', label: 'Positions judged differently' },
];

/** The value a row is sorted by in a column. */
export function columnValue(entry: ClassEntry & { ok: true }, column: Column): number | string {
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

/** One row per student compared, sortable by any column (the heading's button). */
export function ClassTable({
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
