import type { Label } from '../../model/evaluate';
import type { ClashmapState } from '../../store/store';

/** Words and a symbol for each label: the symbol keeps labels apart in greyscale. */
export const LABEL_TEXT: Record<Label, { word: string; symbol: string }> = {
  stands: { word: 'Stands', symbol: '✓' },
  falls: { word: 'Falls', symbol: '✗' },
  undecided: { word: 'Undecided', symbol: '?' },
};

/**
 * A node's label as a primitive ('stands', 'falls:assumed'…; '' when labels are off), so a node
 * re-renders only when its own label changes.
 */
export function labelKeyOf(state: ClashmapState, id: string): string {
  const result = state.labelsOn ? state.evaluation?.nodes.get(id) : undefined;
  if (!result) return '';
  return result.reason.kind === 'assumed' ? `${result.label}:assumed` : result.label;
}
