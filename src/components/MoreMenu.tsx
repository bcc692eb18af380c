import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { MenuGroup } from './Toolbar';

/**
 * The More menu, open: its tools in groups, the first focused; arrows, Home and End move
 * between them, Escape closes it and gives the focus back to its button, Tab leaves it, and a
 * press outside it closes it.
 */
export function MoreMenu({
  groups,
  button,
  close,
}: {
  groups: MenuGroup[];
  button: RefObject<HTMLButtonElement | null>;
  close: (refocus: boolean) => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [
    ...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []),
  ];
  // Read by the effect below, which runs once: it must see the latest callback.
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });

  useEffect(() => {
    items()[0]?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target))
        closeRef.current(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [button]);

  const onKeyDown = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => all[(index + all.length) % all.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(all.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') {
      close(false);
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={menu}
      id="cm-more-menu"
      className="cm-more__menu"
      role="menu"
      aria-label="More tools"
      onKeyDown={onKeyDown}
    >
      {groups.map((group) =>
        group.tools.length === 0 ? null : (
          <div key={group.name} role="group" aria-label={group.name}>
            {group.tools.map((tool) => (
              <button
                key={tool.label}
                type="button"
                tabIndex={-1}
                className="cm-more__item"
                role={tool.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
                aria-checked={tool.pressed}
                aria-label={tool.label}
                aria-keyshortcuts={tool.shortcut?.replace('⌘', 'Meta+')}
                aria-disabled={tool.disabled || undefined}
                onClick={() => {
                  if (tool.disabled) return;
                  // Focus goes back to the menu button; a dialog the command opens takes it
                  // from there and gives it back there.
                  close(true);
                  tool.onClick();
                }}
              >
                <span>{tool.label}</span>
                {tool.shortcut && <kbd aria-hidden="true">{tool.shortcut}</kbd>}
              </button>
            ))}
          </div>
        ),
      )}
    </div>
  );
}
