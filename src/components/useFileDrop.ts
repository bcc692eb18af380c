import { useEffect } from 'react';
import { warmReader } from '../app/openFile';
import type { Commands } from './useCommands';

/** Opening a map file by dropping it anywhere on the window. */
export function useFileDrop(commands: Commands, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onDragOver = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      // A file on its way: the reading worker starts loading while it is dragged.
      warmReader();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      commands.openDroppedFile(file);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [commands, enabled]);
}
