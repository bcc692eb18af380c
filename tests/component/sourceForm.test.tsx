import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SourceForm } from '../../src/components/sources/SourceForm';

// jsdom has <dialog> but not its modal methods; the browser's are what the app uses.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

// A form's draft is kept in localStorage (see sourceDraft.ts): each test starts without one.
afterEach(() => {
  cleanup();
  localStorage.clear();
});

function fillAndSave(url: string) {
  const onSave = vi.fn();
  render(<SourceForm onSave={onSave} onClose={vi.fn()} />);
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'An article' } });
  fireEvent.change(screen.getByLabelText('URL'), { target: { value: url } });
  fireEvent.click(screen.getByRole('button', { name: 'Save source' }));
  return onSave;
}

// The form names what is wrong with a URL in the same words as opening a file does.
describe('the source form’s URL', () => {
  it.each([
    ['https://example.org/a b', 'The URL contains a space at character 22.'],
    ['https://a.com@b.example/', 'The URL has a user name or password before the host'],
    ['https:///etc/passwd', 'The URL has no host name after the "//".'],
    ['javascript:alert(1)', 'The URL must be an http:// or https:// address.'],
  ])('refuses %s, saying why', (url, message) => {
    const onSave = fillAndSave(url);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain(message);
  });

  it('saves an ordinary web address', () => {
    const onSave = fillAndSave('https://example.org/news/drones');
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'An article', url: 'https://example.org/news/drones' }),
    );
  });
});

// What is typed is kept until the source is saved: a form opened again shows it.
describe('the source form’s draft', () => {
  it('shows again what was typed when a new source’s form is opened again, until it is saved', () => {
    const first = render(<SourceForm onSave={() => false} onClose={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Half typed' } });
    // Refused (the store said no): nothing typed is lost.
    fireEvent.click(screen.getByRole('button', { name: 'Save source' }));
    first.unmount();

    const again = render(<SourceForm onSave={() => true} onClose={vi.fn()} />);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Half typed');
    fireEvent.click(screen.getByRole('button', { name: 'Save source' }));
    again.unmount();

    render(<SourceForm onSave={() => true} onClose={vi.fn()} />);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull();
  });

  it('keeps an edit per source, apart from a new source’s draft', () => {
    const source = { id: 'src-a', title: 'Saved title' };
    const edit = render(<SourceForm initial={source} onSave={() => false} onClose={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Edited title' } });
    edit.unmount();

    const fresh = render(<SourceForm onSave={() => false} onClose={vi.fn()} />);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');
    fresh.unmount();
    render(
      <SourceForm initial={{ id: 'src-b', title: 'Other' }} onSave={vi.fn()} onClose={vi.fn()} />,
    );
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Other');
    cleanup();

    render(<SourceForm initial={source} onSave={() => false} onClose={vi.fn()} />);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Edited title');
    // Typing it back to what is saved drops the draft.
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Saved title' } });
    cleanup();
    render(<SourceForm initial={source} onSave={() => false} onClose={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull();
  });
});
