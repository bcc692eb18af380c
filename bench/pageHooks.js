/* global window, document, performance, requestAnimationFrame, cancelAnimationFrame, PerformanceObserver, MutationObserver, HTMLInputElement, CSS */
// Installed in every bench page before its own scripts run (Playwright init script). It only
// watches: long tasks, when a file input changes, when the layout worker is asked and answers,
// frame times, and when an opened map is fully drawn. Plain JavaScript so that it is sent to
// the page as written.
(() => {
  delete window.showOpenFilePicker;
  delete window.showSaveFilePicker;

  const bench = {
    longTasks: [],
    openStart: null,
    clickAt: null,
    workers: [],
    expect: null,
    ready: null,
    progressSeen: null,
  };
  window.__bench = bench;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasksUnsupported = true;
  }

  /**
   * The longest task that overlaps [from, to] (0 if none: tasks under 50 ms are not reported).
   * Of a task that began before `from`, only the part from `from` on counts: the event that
   * starts the clock (a file input's change) ends a task that was the test driver's, not the
   * app's (Playwright builds a chosen file in the page from base64: 265–400 ms for 2.5 MB,
   * a cost that a person choosing a file from disk never has).
   */
  bench.longestTask = (from, to) => {
    let longest = 0;
    let total = 0;
    let count = 0;
    for (const task of bench.longTasks) {
      const end = task.start + task.duration;
      if (end < from || task.start > to) continue;
      const duration = end - Math.max(task.start, from);
      longest = Math.max(longest, duration);
      total += duration;
      count += 1;
    }
    return { longest, total, count };
  };

  // A progress indicator, if the app shows one while a file opens: a progressbar, a busy
  // region, or a status/alert message that speaks of opening, loading or a percentage.
  const PROGRESS_TEXT = /opening|loading|reading|laying out|preparing|\d+\s*%|\d+\s*(of|\/)\s*\d+/i;
  const findProgress = () => {
    for (const candidate of document.querySelectorAll(
      '[role="progressbar"], progress, [aria-busy="true"], [role="status"], [role="alert"]',
    )) {
      const role = candidate.getAttribute('role');
      const text = `${candidate.getAttribute('aria-label') ?? ''} ${candidate.textContent ?? ''}`;
      if (role === 'progressbar' || candidate.tagName === 'PROGRESS') return `progressbar ${text}`;
      if (candidate.getAttribute('aria-busy') === 'true') return `aria-busy ${text}`;
      if (PROGRESS_TEXT.test(text) && !/^Save status/.test(text.trim())) return text.trim();
    }
    return null;
  };

  let progressObserver = null;
  const watchProgress = () => {
    bench.progressSeen = findProgress();
    progressObserver = new MutationObserver(() => {
      if (bench.progressSeen === null) bench.progressSeen = findProgress();
    });
    progressObserver.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['role', 'aria-busy', 'aria-valuenow'],
      characterData: true,
    });
  };

  const viewportTransform = () =>
    document.querySelector('.react-flow__viewport')?.style.transform ?? null;
  bench.viewportTransform = viewportTransform;

  /**
   * Polls once a frame until the expected map is on the canvas: `count` nodes, none still
   * hidden for measuring, the canvas titled for the map (when given), and the viewport moved
   * from `notTransform` (the app frames the map only after measuring and re-laying it out).
   * `ready` is the time of the frame after that: the first frame that shows it all.
   */
  bench.beginOpen = (start) => {
    const expect = bench.expect;
    bench.openStart = start;
    bench.ready = null;
    if (!expect) return;
    watchProgress();
    const deadline = start + expect.timeout;
    const check = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      // A large map draws only the nodes in view (the app's LARGE_MAP_NODES): then "every
      // visible node painted" means the nodes in the DOM, once the layout status has gone.
      let ok = expect.count > 200 ? nodes.length > 0 : nodes.length === expect.count;
      // The canvas's progress note ("Laying out…") is gone; the note that stands where the
      // overview map would be (cm-minimap-off) stays and is not progress.
      if (ok && expect.count > 200)
        ok = !document.querySelector('.cm-progress:not(.cm-minimap-off)');
      if (ok && expect.title) {
        const region = document.querySelector('[role="region"][aria-label^="Map: "]');
        ok = region?.getAttribute('aria-label') === `Map: ${expect.title}`;
      }
      if (ok) {
        for (const node of nodes) {
          if (node.style.visibility === 'hidden') {
            ok = false;
            break;
          }
        }
      }
      if (ok && expect.notTransform !== null) ok = viewportTransform() !== expect.notTransform;
      if (ok) {
        requestAnimationFrame(() => {
          progressObserver?.disconnect();
          bench.ready = { at: performance.now(), ms: performance.now() - start, ok: true };
        });
        return;
      }
      if (performance.now() > deadline) {
        progressObserver?.disconnect();
        bench.ready = {
          at: performance.now(),
          ms: performance.now() - start,
          ok: false,
          nodes: nodes.length,
        };
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };

  // The app's open flow: the clock starts when the file input reports the chosen file.
  window.addEventListener(
    'change',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.type === 'file') {
        bench.beginOpen(performance.now());
      }
    },
    true,
  );
  window.addEventListener('click', () => (bench.clickAt = performance.now()), true);

  // The layout worker: when the map is posted to it (and how long posting takes, since the map
  // is copied on the main thread) and when its answer arrives.
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class BenchWorker extends NativeWorker {
      constructor(url, options) {
        super(url, options);
        this.__record = {
          created: performance.now(),
          posted: null,
          postedEnd: null,
          answered: null,
        };
        bench.workers.push(this.__record);
        this.addEventListener('message', () => {
          this.__record.answered = performance.now();
        });
      }
      postMessage(...args) {
        this.__record.posted = performance.now();
        const result = super.postMessage(...args);
        this.__record.postedEnd = performance.now();
        return result;
      }
    };
  }

  // Frame times: the gaps between animation frames while a gesture runs.
  let frames = null;
  let rafId = 0;
  bench.startFrames = () => {
    frames = [];
    let last = null;
    const loop = (t) => {
      if (!frames) return;
      if (last !== null) frames.push(t - last);
      last = t;
      rafId = requestAnimationFrame(loop);
    };
    rafId = requestAnimationFrame(loop);
  };
  bench.stopFrames = () =>
    new Promise((resolve) => {
      // One more frame, so that the last input's frame is counted.
      requestAnimationFrame(() => {
        const result = frames ?? [];
        frames = null;
        cancelAnimationFrame(rafId);
        resolve(result);
      });
    });

  /** Resolves after `n` frames. */
  bench.frames = (n) =>
    new Promise((resolve) => {
      const step = (left) => (left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
      step(n);
    });

  /** Waits until the viewport transform has not changed for `quiet` frames (an animation ended). */
  bench.settle = (quiet = 6, timeout = 10000) =>
    new Promise((resolve) => {
      const start = performance.now();
      let last = viewportTransform();
      let still = 0;
      const step = () => {
        const now = viewportTransform();
        still = now === last ? still + 1 : 0;
        last = now;
        if (still >= quiet || performance.now() - start > timeout) resolve(performance.now());
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });

  /** The current zoom, from the viewport transform. */
  bench.zoom = () => {
    const match = /scale\(([^)]+)\)/.exec(viewportTransform() ?? '');
    return match ? Number(match[1]) : null;
  };

  /** How many nodes are at least partly inside the canvas. */
  bench.visibleNodes = () => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return 0;
    let count = 0;
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      if (r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom)
        count += 1;
    }
    return count;
  };

  /**
   * A point to grab a node by: on a node near the middle of the canvas, on the node itself (not
   * a handle, control or another element on top of it), with room to drag it right and down.
   */
  bench.grabPoint = () => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return null;
    const cx = pane.left + pane.width * 0.4;
    const cy = pane.top + pane.height * 0.4;
    let best = null;
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(r.height / 2, Math.max(4, r.height * 0.35));
      if (x < pane.left + 40 || x > pane.right - 400 || y < pane.top + 40 || y > pane.bottom - 300)
        continue;
      const hit = document.elementFromPoint(x, y);
      if (
        !hit ||
        !node.contains(hit) ||
        hit.closest('.react-flow__handle, button, input, textarea')
      )
        continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (!best || d < best.d) best = { d, x, y, id: node.getAttribute('data-id') };
    }
    return best;
  };

  /**
   * After "Auto-layout" is clicked: waits for worker number `index` to answer and for node `id`
   * to move from `before` (the layout puts back the node the bench dragged), then one frame so
   * the result is on screen. Resolves with that frame's time.
   */
  bench.awaitLayout = (index, id, before, timeout = 120000) =>
    new Promise((resolve) => {
      const start = performance.now();
      let framesSinceAnswer = 0;
      const step = () => {
        const worker = bench.workers[index];
        const now = id === null ? null : bench.nodeTransform(id);
        const answered = worker && worker.answered !== null;
        if (answered) framesSinceAnswer += 1;
        const moved = id !== null && now !== before;
        if (answered && (moved || framesSinceAnswer > 30)) {
          requestAnimationFrame(() =>
            resolve({ ok: true, appliedAt: performance.now(), positionsChanged: moved }),
          );
          return;
        }
        if (performance.now() - start > timeout) {
          resolve({ ok: false, appliedAt: performance.now(), positionsChanged: moved });
          return;
        }
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });

  /** The text a node shows: its words on the card, or in its editor while it is being edited. */
  const nodeText = (el) =>
    `${el.textContent ?? ''}\u0001${el.querySelector('textarea')?.value ?? ''}`;

  /**
   * Painted time of the next input event of `type` (keydown, pointermove): from the event's
   * timestamp to the frame after the one in which node `spec.id` first shows the change (`has`:
   * text it must show; `lacks`: text it must no longer show; `editing`: whether its editor is
   * open; `cls`: a class it must have; `notTransform`: it has moved). `bench.paint` gets
   * `{ ms }` (or `{ ms: null }` after 30 s). The same rule as the open clock: the frame after
   * the change is on the page is the first that shows it.
   */
  bench.armPaint = (spec, type = 'keydown') => {
    bench.paint = null;
    const matches = () => {
      const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(spec.id)}"]`);
      if (!el) return false;
      const text = nodeText(el);
      if (spec.has !== undefined && !text.includes(spec.has)) return false;
      if (spec.lacks !== undefined && text.includes(spec.lacks)) return false;
      if (spec.editing !== undefined && Boolean(el.querySelector('textarea')) !== spec.editing)
        return false;
      if (spec.cls !== undefined && !el.classList.contains(spec.cls)) return false;
      if (spec.notTransform !== undefined && el.style.transform === spec.notTransform) return false;
      return true;
    };
    const onEvent = (event) => {
      window.removeEventListener(type, onEvent, true);
      const t0 = event.timeStamp;
      const check = () => {
        if (matches()) {
          requestAnimationFrame(() => (bench.paint = { ms: performance.now() - t0 }));
          return;
        }
        if (performance.now() - t0 > 30000) {
          bench.paint = { ms: null };
          return;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    };
    window.addEventListener(type, onEvent, true);
  };

  /** The node's text as the canvas shows it (card or editor). */
  bench.nodeText = (id) => {
    const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
    return el ? nodeText(el) : null;
  };

  // A page that is loaded to be timed from navigation (first load): `__benchExpectAtStart`,
  // set by an earlier init script, starts the open clock at time 0.
  if (window.__benchExpectAtStart) {
    bench.expect = window.__benchExpectAtStart;
    const begin = () => bench.beginOpen(0);
    if (document.body) begin();
    else document.addEventListener('DOMContentLoaded', begin, { once: true });
  }

  bench.nodeTransform = (id) =>
    document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.style.transform ??
    null;
})();
