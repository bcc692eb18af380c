/** One thing wrong with a map: where (`nodes[3].evidence[0].quote`) and why. */
export interface Issue {
  path: string;
  message: string;
}

/** Renders a path array the way a JavaScript reader would write it. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part))
      out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** `path: message`, or just the message for the file as a whole. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
