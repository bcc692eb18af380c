import { useOnViewportChange, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { cleanName, NAME_LIMIT, presenceStore, usePresence } from '../../app/presence';
import type { TeacherControls } from '../../app/room';
import { useClashmap } from '../../store/StoreContext';
import { Dialog } from '../Dialog';
import { TeacherPanel } from '../TeacherPanel';
import { motionMs } from '../motion';

/**
 * The class session's own UI, loaded only when a class session link is opened: the name asked
 * once, the session banner (who is here, following the teacher, the teacher's controls).
 */

/** Asks the name the others will see; the browser keeps it for the next session. */
export function NameDialog({ onJoin }: { onJoin: (name: string) => void }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const join = () => {
    const clean = cleanName(name);
    if (!clean) {
      setProblem('Type the name the others in the class will see.');
      return;
    }
    onJoin(clean);
  };
  return (
    <Dialog
      title="Join the class session"
      onClose={() => onJoin('A guest')}
      restoreFocus={false}
      actions={
        <button type="button" className="cm-primary" onClick={join}>
          Join
        </button>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          join();
        }}
      >
        <label className="cm-field">
          Your name
          <input
            type="text"
            value={name}
            maxLength={NAME_LIMIT}
            autoComplete="name"
            autoFocus
            aria-describedby={problem ? 'cm-name-problem' : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {problem && (
          <p id="cm-name-problem" role="alert">
            {problem}
          </p>
        )}
        <p>Everyone in the session sees this name beside what you select and type.</p>
      </form>
    </Dialog>
  );
}

/** Who is in the session: this person first, then the others, each with their colour. */
function People() {
  const self = usePresence((s) => s.self);
  const peers = usePresence((s) => s.peers);
  return (
    <ul className="cm-people" aria-label="People in the session">
      {self && <li style={{ '--cm-peer': self.color } as CSSProperties}>{self.name} (you)</li>}
      {peers.map((peer) => (
        <li key={peer.id} style={{ '--cm-peer': peer.color } as CSSProperties}>
          {peer.name}
        </li>
      ))}
    </ul>
  );
}

/** Moves this screen to where the teacher looks, while this person follows. */
function FollowLead() {
  const lead = usePresence((s) => (s.following ? s.lead : null));
  const { fitBounds } = useReactFlow();
  useEffect(() => {
    if (lead?.lead.kind !== 'view') return;
    const { x, y, width, height } = lead.lead;
    void fitBounds({ x, y, width, height }, { padding: 0, duration: motionMs(250) });
  }, [lead, fitBounds]);
  return null;
}

/** Sends the teacher's view to the class as it moves, while "Follow me" is on. */
function LeadView() {
  const send = usePresence((s) => (s.leading.view ? s.sendLead : null));
  const flow = useStoreApi();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sendNow = useCallback(() => {
    const { width, height, transform } = flow.getState();
    const [x, y, zoom] = transform;
    if (!send || width === 0 || height === 0) return;
    send({ kind: 'view', x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom });
  }, [send, flow]);
  // At most every 120 ms while the view moves, and once where it comes to rest.
  const schedule = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      sendNow();
    }, 120);
  }, [sendNow]);
  useOnViewportChange({ onChange: schedule, onEnd: schedule });
  useEffect(() => {
    sendNow();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [sendNow]);
  return null;
}

function LeadControls() {
  const leading = usePresence((s) => s.leading);
  const send = usePresence((s) => s.sendLead);
  const set = (next: Partial<typeof leading>) => {
    const now = { ...leading, ...next };
    presenceStore.setState({ leading: now });
    if (!now.view && !now.present) send?.({ kind: 'stop' });
  };
  return (
    <>
      <button
        type="button"
        aria-pressed={leading.view}
        onClick={() => set({ view: !leading.view })}
        title="Students' screens show what yours shows"
      >
        Follow me
      </button>
      <button
        type="button"
        aria-pressed={leading.present}
        onClick={() => set({ present: !leading.present })}
        title="When you present, students' screens show the same step"
      >
        Present to the class
      </button>
      {leading.view && <LeadView />}
    </>
  );
}

function FollowToggle() {
  const following = usePresence((s) => s.following);
  return (
    <label className="cm-follow">
      <input
        type="checkbox"
        checked={following}
        onChange={(event) => presenceStore.setState({ following: event.target.checked })}
      />
      Follow the teacher
    </label>
  );
}

/** The class session banner: what this link may do, who is here, and the controls. */
export function ClassBanner({ teacher }: { teacher: TeacherControls | null }) {
  const readOnly = useClashmap((s) => s.readOnly);
  return (
    <div
      className="cm-banner cm-banner--shared cm-banner--class"
      role="region"
      aria-label="Class session"
    >
      <span className="cm-class-message">
        {readOnly
          ? `Class session: ${readOnly}`
          : 'Class session: your edits reach everyone in the room as you make them. Your own map is still saved in this browser.'}
      </span>
      {/* On a phone the sentence above is read out but not drawn: this is drawn instead. */}
      <span className="cm-class-short" aria-hidden="true">
        {readOnly ? 'Class session · view only' : 'Class session · live'}
      </span>
      <People />
      {teacher ? (
        <>
          <LeadControls />
          <TeacherPanel controls={teacher} />
        </>
      ) : (
        <>
          <FollowToggle />
          <FollowLead />
        </>
      )}
      <button type="button" onClick={() => window.location.assign(window.location.pathname)}>
        Leave the session
      </button>
    </div>
  );
}
