import { useClashmapStore } from '../store/StoreContext';
import { firstCard, focusCard } from './canvasFocus';

/**
 * The page's first stop for the keyboard: past the toolbar straight to the map's first card
 * (the selected one, else the leftmost position), or to the map itself when it is empty.
 */
export function SkipToMap() {
  const store = useClashmapStore();
  return (
    <a
      className="cm-skip-link"
      href="#map"
      onClick={(event) => {
        event.preventDefault();
        const id = firstCard(store);
        if (id) focusCard(store, id);
        else document.getElementById('map')?.focus();
      }}
    >
      Skip to the map
    </a>
  );
}
