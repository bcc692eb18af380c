import { useEffect } from 'react';
import { useClashmap, useClashmapStore } from '../store/StoreContext';

/** Shows the latest notice (why an edit was refused, what happened) and lets it fade. */
export function Notices() {
  const notice = useClashmap((s) => s.notice);
  const store = useClashmapStore();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(
      () => store.getState().dismissNotice(),
      notice.tone === 'error' ? 6000 : 3000,
    );
    return () => clearTimeout(timer);
  }, [notice, store]);
  return (
    <div className="cm-notices" role="status" aria-live="polite">
      {notice && (
        <p className={`cm-notice cm-notice--${notice.tone}`} key={notice.id}>
          {notice.text}
          <button
            type="button"
            className="cm-notice__close"
            aria-label="Dismiss message"
            onClick={() => store.getState().dismissNotice()}
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
