/**
 * Keys typed in the moment between a new node opening for typing and its text field taking
 * focus (React Flow shows a node only once it has measured it). The field takes them on focus,
 * so a fast typist's first letters land in the node, not in the shortcut handler.
 */
let buffer = '';

export const typeAhead = {
  push(text: string): void {
    buffer += text;
  },
  take(): string {
    const text = buffer;
    buffer = '';
    return text;
  },
  clear(): void {
    buffer = '';
  },
};
