import type { ClashMap } from '../../model/map';
import { mapToMarkdown } from '../markdown';
import { LossLog, reportExportEvaluation, reportRoundLosses } from './shared';
import type { ExportResult } from './types';

/** The map as a Markdown outline (see mapToMarkdown), with what an outline leaves out. */
export function exportMarkdown(map: ClashMap): ExportResult {
  const losses = new LossLog();
  reportRoundLosses(map, losses, 'the Markdown outline');
  losses.add('', 'Markdown is a reading outline: it cannot be opened again as a map');
  map.nodes.forEach((node, i) => {
    if (node.notes !== undefined)
      losses.add(`nodes[${i}].notes`, 'Node notes are not in the outline');
    if (node.tags !== undefined && node.tags.length > 0)
      losses.add(`nodes[${i}].tags`, 'Node tags are not in the outline');
    if (node.position)
      losses.add(`nodes[${i}].position`, 'Canvas positions are not in the outline');
    if (/\r|\n|\t| {2}/.test(node.text))
      losses.add(
        `nodes[${i}].text`,
        'Line breaks and repeated spaces in node text become single spaces',
      );
  });
  map.edges.forEach((edge, i) => {
    if (edge.note !== undefined && /\r|\n|\t| {2}/.test(edge.note))
      losses.add(
        `edges[${i}].note`,
        'Line breaks and repeated spaces in edge notes become single spaces',
      );
  });
  if (map.sources.length > 0) {
    losses.add(
      'sources',
      'Sources (title, author, address, text) and quote offsets are not in the outline; quotes and speakers are',
    );
  }
  reportExportEvaluation(losses, map);
  return { ok: true, value: mapToMarkdown(map), losses: losses.list() };
}
