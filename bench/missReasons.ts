// Why each of issue 13's goals that the bench reports as missed is missed, as far as the
// profiles and traces of the latest work on it found (docs/architecture.md, "Large maps"). The
// bench prints the reason beside the figure; a goal missed that has no reason here says so.
// Keep these true: when a change moves a figure, look again (npm run bench -- --profile N).

/** Reasons by the goal row's measure (as printed, without leading spaces). */
export const MISS_REASONS: Readonly<Record<string, string>> = {
  'longest main-thread task while opening':
    'The map’s first React commit and React Flow taking in every node (it makes an internal ' +
    'node for each, visible or not) are one task: about 150–220 ms at 5,000 nodes and 350 ms ' +
    'at 10,000. The parse, the layout, the measuring and the framing run in tasks of their ' +
    'own; cutting this one means handing React Flow the nodes in batches, not done yet.',
  'typing → painted, p95':
    'Set by 2 of the 48 keys timed: the first key of the first edit on a freshly opened page ' +
    '(the second and third repetitions; the first repetition’s, after a drag and a pan, is ' +
    'not slow). A Chromium trace shows 130 to 235 ms of raster on the raster threads between ' +
    'the double-click (which selects the card, shows the inspector and opens the editor) and ' +
    'that key, with the main thread idle: on this 2-core machine, rastering in software, the ' +
    'key’s frame waits for it. The other keys paint in one or two frames, as on the ' +
    'like-for-like page.',
  'first frame of a drag':
    'The first drag of a page is of a card not yet selected: the press selects it (the ' +
    'inspector shows a card for the first time in the page), the first pointer move waits ' +
    'behind that work, and React Flow moves the card only from the second move (its drag ' +
    'start takes the pointer’s position as the last one). Later drags start in 30 to 60 ms; ' +
    'the like-for-like page, React Flow alone, takes 50 to 60 ms for its first. Starting ' +
    'the drag at the press (React Flow’s nodeDragThreshold 0) cut the first to about 85 ms ' +
    'but broke Shift-click selection, and was not kept.',
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
    'The compiled CLI, unchanged: 316 to 378 ms in earlier runs; slower in a run made while ' +
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
