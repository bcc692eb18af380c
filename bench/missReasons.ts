// Why each of issue 13's goals that the bench reports as missed is missed, as far as the
// profiles and traces of the latest work on it found (docs/architecture.md, "Large maps"). The
// bench prints the reason beside the figure; a goal missed that has no reason here says so.
// Keep these true: when a change moves a figure, look again (npm run bench -- --profile N).

/** Reasons by the goal row's measure (as printed, without leading spaces). */
export const MISS_REASONS: Readonly<Record<string, string>> = {
  'open → drawn (median)':
    'Clashmap reads the file (its JSON checked against the schema and the invariants, in a ' +
    'worker from 256 kB), lays out the cards that have no saved place, draws the cards in ' +
    'view, lays their columns out again with their measured sizes and frames the map; the ' +
    'like-for-like page starts from the graph in hand with every place known and fits its ' +
    'view. At 1,000 nodes those fixed steps weigh most, and runs vary: 1.07× to 1.47× in the ' +
    'last sessions’ runs (1.4× and 1.47× on the quietest host, where the like-for-like page ' +
    'was twice as fast as on a busy one and Clashmap’s steps were not).',
  'longest main-thread task while opening':
    'The open is cut into tasks (what opening sets, the drawing made ahead, the commit; the ' +
    'relayout with measured sizes likewise). The longest left is the commit, in which React ' +
    'and React Flow take in every card (React Flow makes an internal node for each, visible ' +
    'or not, and a lookup of every edge): 63–75 ms at 1,000 nodes, 105 ms at 5,000 and ' +
    '133–142 ms at 10,000 on a quiet host; more only when the host is busy.',
  'typing → painted, p95':
    'Set by the first key typed after the double-click that opens the editor: its frame ' +
    'waits on the raster of the double-click’s own (the card selected, the inspector shown, ' +
    'the editor opened), in software on this 2-core machine. The inspector has had a layer of ' +
    'its own since (that raster was one 45–55 ms task, now 20–28 ms in parallel tiles; the ' +
    'first key 15–34 ms at 1,000 nodes), and the other keys paint in one or two frames, as ' +
    'on the like-for-like page; a busy host makes the raster, and so that key, wait longer.',
  'first frame of a drag':
    'The drag starts at the press, so the first pointer move moves the card (21–45 ms in ' +
    'quiet runs, against 50–60 ms for React Flow alone on the like-for-like page, which ' +
    'starts its drag on the first move and moves the card from the second); a figure over ' +
    '50 ms is the host being busy.',
  'pan p95, zoomed out':
    'Fully zoomed out, each step of the pan brings a band of cards into view that React Flow ' +
    'mounts and the browser lays out and rasters; the like-for-like page draws the same ' +
    'cards, with less inside each, at about the limit. Runs vary between 33 and 50 ms.',
  'pan p95, default zoom':
    'Runs vary on this shared machine: alternating this session’s last build and the one ' +
    'before its canvas changes, pan p95 at 1,000 nodes was 16.8, 33.2, 16.7 ms and 16.8, ' +
    '33.3, 16.8 ms; most runs give one frame (16.7 ms), a busy host 33 ms.',
  'drag p95, default zoom':
    'Runs vary on this shared machine, as pan does: one frame in most runs, two in a run ' +
    'made while the host was busy (the like-for-like page slowed in the same run too).',
  'clashmap validate, wall (npm run clashmap)':
    'The compiled CLI, unchanged: 239 to 378 ms in earlier runs; slower in a run made while ' +
    'the host was busy (other figures of the same run slowed too).',
  'drag p95, zoomed out':
    'Fully zoomed out, hundreds of cards are drawn, and the frames of a drag wait on the ' +
    'browser painting them; runs vary.',
  'auto-layout: longest main-thread task':
    'The commit of the new places, in a task of its own (the change and the drawing of it ' +
    'are made ahead in two tasks before it): React re-renders the canvas and React Flow ' +
    'takes in every moved node. At 5,000 nodes it is 40–56 ms; at 1,000 probes give no task ' +
    'over 50 ms (three of three), so a figure over it is the host being busy.',
};

/** How a missed goal is told: by how much, and why. */
export function missLine(measure: string): string {
  return (
    MISS_REASONS[measure.trim()] ??
    'No cause recorded: profile it (npm run bench -- --profile <nodes>) and add it to bench/missReasons.ts.'
  );
}
