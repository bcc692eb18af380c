import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Notices } from '../../src/components/Notices';
import { NodeTextEditor } from '../../src/components/nodes/NodeTextEditor';
import { emptyMap } from '../../src/model/map';
import { createClashmapStore } from '../../src/store/store';
import { StoreProvider } from '../../src/store/StoreContext';

const MEGABYTE_OF_TEXT = 'Pasted words. '.repeat(75_000); // 1,050,000 characters

function renderEditor(initial: string) {
  const onCommit = vi.fn();
  render(
    <StoreProvider store={createClashmapStore(emptyMap('Paste'))}>
      <NodeTextEditor initial={initial} label="Claim text" onCommit={onCommit} onCancel={vi.fn()} />
      <Notices />
    </StoreProvider>,
  );
  const field = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Claim text' });
  return { field, onCommit };
}

/** A real paste event carrying `text`, as the browser dispatches it. */
function paste(field: HTMLTextAreaElement, text: string) {
  act(() => {
    fireEvent.paste(field, {
      clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') },
    });
  });
}

describe('pasting more than a node’s text can hold', () => {
  it('keeps the first 2,000 characters and says that the paste was cut', () => {
    const { field, onCommit } = renderEditor('New claim');
    // The placeholder text is selected when the editor opens, so the paste replaces it.
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'New claim'.length]);
    paste(field, MEGABYTE_OF_TEXT);
    expect(field.value).toBe(MEGABYTE_OF_TEXT.slice(0, 2_000));
    expect(screen.getByRole('status').textContent).toContain(
      "The pasted text was cut to 2,000 characters (the limit for a node's text).",
    );
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledWith(MEGABYTE_OF_TEXT.slice(0, 2_000), true);
  });

  it('keeps the text already there and pastes what fits at the caret', () => {
    const { field, onCommit } = renderEditor('Before. After.');
    act(() => field.setSelectionRange(8, 8));
    paste(field, MEGABYTE_OF_TEXT);
    const kept = 2_000 - 'Before. After.'.length;
    expect(field.value).toBe(`Before. ${MEGABYTE_OF_TEXT.slice(0, kept)}After.`);
    expect(screen.getByRole('status').textContent).toContain(
      "The pasted text was cut to 1,986 characters, so that a node's text fits its limit of 2,000.",
    );
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledWith(field.value, true);
  });

  it('never cuts an emoji in half', () => {
    const { field } = renderEditor('x'.repeat(1_999));
    act(() => field.setSelectionRange(1_999, 1_999));
    paste(field, '\u{1F600}\u{1F600}');
    expect(field.value).toBe('x'.repeat(1_999));
    expect(screen.getByRole('status').textContent).toContain(
      "Nothing was pasted: it does not fit in the 2,000-character limit for a node's text.",
    );
  });

  it('leaves a paste that fits to the browser', () => {
    const small = renderEditor('Short');
    const event = fireEvent.paste(small.field, {
      clipboardData: { getData: () => ' and more' },
    });
    // Not prevented: the browser pastes it as usual.
    expect(event).toBe(true);
  });
});
