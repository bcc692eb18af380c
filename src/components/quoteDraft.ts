/**
 * The quote being written in the inspector's "New quote" form, kept in this browser as it is
 * typed, so closing the tab (or the browser) loses none of it: the form shows it again the
 * next time that card is selected. Kept per card; dropped once the quote is added or the form
 * is emptied.
 */
export interface QuoteDraft {
  sourceId: string;
  quote: string;
  speaker: string;
  cite: { title: string; author: string; url: string; published: string };
}

const keyOf = (nodeId: string) => `clashmap.quote-draft.${nodeId}`;

/** Nothing worth keeping: no quote and no citation typed (a speaker alone is not a draft). */
const isEmpty = (draft: QuoteDraft) =>
  !draft.quote.trim() && !Object.values(draft.cite).some((v) => v.trim());

export function readQuoteDraft(nodeId: string): QuoteDraft | null {
  try {
    const text = localStorage.getItem(keyOf(nodeId));
    if (!text) return null;
    const value = JSON.parse(text) as Partial<QuoteDraft>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const cite = (value.cite ?? {}) as Partial<QuoteDraft['cite']>;
    return {
      sourceId: str(value.sourceId),
      quote: str(value.quote),
      speaker: str(value.speaker),
      cite: {
        title: str(cite.title),
        author: str(cite.author),
        url: str(cite.url),
        published: str(cite.published),
      },
    };
  } catch {
    return null;
  }
}

export function writeQuoteDraft(nodeId: string, draft: QuoteDraft): void {
  try {
    if (isEmpty(draft)) localStorage.removeItem(keyOf(nodeId));
    else localStorage.setItem(keyOf(nodeId), JSON.stringify(draft));
  } catch {
    // Storage full or turned off: the draft lives only in the form, as before.
  }
}
