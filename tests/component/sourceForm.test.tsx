import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
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
