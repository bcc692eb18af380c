import { useId, useState } from 'react';
import { LIMITS } from '../../model/limits';
import { urlProblem, type Source } from '../../model/source';
import { Dialog } from '../Dialog';
import { clearSourceDraft, fieldsOf, readSourceDraft, writeSourceDraft } from './sourceDraft';

type Fields = Omit<Source, 'id'>;

interface Props {
  initial?: Source;
  /** Saves the source; false when it was refused (the form's draft is then kept). */
  onSave: (fields: Fields) => boolean;
  onClose: () => void;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Adds or edits a source: its citation and its full text (pasted in). What is typed is kept
 * as a draft until it is saved (see sourceDraft.ts): closing the form, the panel or the tab
 * loses none of it.
 */
export function SourceForm({ initial, onSave, onClose }: Props) {
  const draftFor = initial?.id ?? null;
  const [start] = useState(() => fieldsOf(initial));
  // What was being typed here before (this tab or one closed since) comes back.
  const [kept] = useState(() => readSourceDraft(draftFor));
  const [fields, setFields] = useState(kept ?? start);
  const [restored, setRestored] = useState(kept !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = {
    title: useId(),
    author: useId(),
    publisher: useId(),
    published: useId(),
    url: useId(),
    text: useId(),
  };
  const set = (key: keyof Fields) => (event: { target: { value: string } }) => {
    // Kept at once, in the keystroke's own task: a tab closed right after it keeps it too.
    const next = { ...fields, [key]: event.target.value };
    setFields(next);
    writeSourceDraft(draftFor, next, start);
  };
  const startOver = () => {
    clearSourceDraft(draftFor);
    setFields(start);
    setRestored(false);
    setProblem(null);
  };

  const save = () => {
    const trimmed = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, k === 'text' ? v : v.trim()]),
    ) as Record<keyof Fields, string>;
    if (!trimmed.title) return setProblem('Give the source a title.');
    if (trimmed.published && !DATE.test(trimmed.published))
      return setProblem('Write the date as YYYY, YYYY-MM or YYYY-MM-DD.');
    // The same rule, and the same words, as a file's source URL gets when it is opened.
    const urlIssue = trimmed.url ? urlProblem(trimmed.url) : null;
    if (urlIssue) return setProblem(`The URL ${urlIssue}.`);
    if (trimmed.text.length > LIMITS.sourceTextLength) return setProblem('The text is too long.');
    const saved = onSave({
      title: trimmed.title,
      author: trimmed.author || undefined,
      publisher: trimmed.publisher || undefined,
      published: trimmed.published || undefined,
      url: trimmed.url || undefined,
      text: trimmed.text || undefined,
    });
    if (saved) clearSourceDraft(draftFor);
  };

  return (
    <Dialog
      title={initial ? 'Edit source' : 'Add a source'}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" onClick={save}>
            Save source
          </button>
        </>
      }
    >
      <div className="cm-form-grid">
        <div className="cm-field">
          <label htmlFor={ids.title}>Title</label>
          <input id={ids.title} value={fields.title} onChange={set('title')} />
        </div>
        <div className="cm-field">
          <label htmlFor={ids.author}>Author</label>
          <input id={ids.author} value={fields.author} onChange={set('author')} />
        </div>
        <div className="cm-field">
          <label htmlFor={ids.publisher}>Publisher</label>
          <input id={ids.publisher} value={fields.publisher} onChange={set('publisher')} />
        </div>
        <div className="cm-field">
          <label htmlFor={ids.published}>Date (YYYY-MM-DD)</label>
          <input id={ids.published} value={fields.published} onChange={set('published')} />
        </div>
        <div className="cm-field">
          <label htmlFor={ids.url}>URL</label>
          <input id={ids.url} type="url" value={fields.url} onChange={set('url')} />
        </div>
        <div className="cm-field">
          <label htmlFor={ids.text}>Full text</label>
          <textarea id={ids.text} rows={10} value={fields.text} onChange={set('text')} />
        </div>
        {/* After the fields, so that the form still opens on its first field. */}
        {restored && (
          <p className="cm-muted">
            What you typed here before, not yet saved, is back.{' '}
            <button type="button" className="cm-link-button" onClick={startOver}>
              Start over
            </button>
          </p>
        )}
        {initial && (
          <p className="cm-muted">
            Changing the text can break quotes taken from it; they will be flagged.
          </p>
        )}
        {problem && (
          <p className="cm-field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </Dialog>
  );
}
