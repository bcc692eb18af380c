import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { ARTICLE_MAP_FILE, loadBundledMap } from './io/bundledMaps';
import { parseErrorLines } from './io/parseError';
import { MapCanvas } from './components/MapCanvas';
import { useClashmap, useClashmapStore } from './store/StoreContext';

type LoadState =
  { status: 'loading' } | { status: 'ready' } | { status: 'failed'; lines: string[] };

export function App() {
  const store = useClashmapStore();
  const title = useClashmap((s) => s.map.title);
  const fileName = useClashmap((s) => s.fileName);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void loadBundledMap(ARTICLE_MAP_FILE).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        store.getState().openMap(result.map, ARTICLE_MAP_FILE);
        setLoad({ status: 'ready' });
      } else {
        setLoad({ status: 'failed', lines: parseErrorLines(result.error) });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [store]);

  useEffect(() => {
    document.title = fileName ? `${title} (${fileName}) · Clashmap` : `${title} · Clashmap`;
  }, [title, fileName]);

  return (
    <div className="cm-app">
      <header className="cm-header">
        <span className="cm-brand">Clashmap</span>
        <h1 className="cm-title">{load.status === 'ready' ? title : 'Clashmap'}</h1>
        {fileName && <span className="cm-filename">{fileName}</span>}
      </header>
      <main className="cm-main">
        {load.status === 'loading' && (
          <p className="cm-status" role="status">
            Opening the map…
          </p>
        )}
        {load.status === 'failed' && (
          <div className="cm-status" role="alert">
            {load.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        )}
        {load.status === 'ready' && (
          <ReactFlowProvider>
            <MapCanvas />
          </ReactFlowProvider>
        )}
      </main>
    </div>
  );
}
