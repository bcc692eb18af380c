import { describe, expect, it } from 'vitest';
import {
  FLOW_KEYS,
  KEY_TABLE,
  TIMER_KEYS,
  flowAction,
  shortcutLabel,
  timerAction,
} from '../../src/app/keyTable';

const press = { shift: false, mod: false, alt: false };

describe('the flow view’s keys come from one table the help lists', () => {
  it('runs each key of the table as its action, on a card and (when listed) while typing', () => {
    for (const entry of FLOW_KEYS) {
      for (const key of entry.keys) {
        const pressed = { ...press, key: key.key, shift: key.shift ?? false };
        expect(flowAction(pressed, false), `${key.key}`).toBe(entry.action);
        expect(flowAction(pressed, true), `${key.key} while typing`).toBe(
          entry.whileTyping ? entry.action : undefined,
        );
      }
    }
  });

  it('tells Tab from Shift+Tab, ignores case, and leaves typed letters and chords alone', () => {
    expect(flowAction({ ...press, key: 'Tab' }, true)).toBe('answer');
    expect(flowAction({ ...press, key: 'Tab', shift: true }, true)).toBe('back');
    expect(flowAction({ ...press, key: 'E' }, false)).toBe('extend');
    expect(flowAction({ ...press, key: 'e' }, true)).toBeUndefined();
    expect(flowAction({ ...press, key: 'x', mod: true }, false)).toBeUndefined();
    expect(flowAction({ ...press, key: 'Enter', shift: true }, true)).toBeUndefined();
  });

  it('has a line in the ? help for each flow key and each timer key', () => {
    const help = KEY_TABLE.map((s) => `${shortcutLabel(s)} ${s.description}`);
    for (const entry of FLOW_KEYS.filter((e) => e.label !== ''))
      expect(help).toContain(`${entry.label} Flow view: ${entry.description}`);
    for (const entry of TIMER_KEYS)
      expect(help).toContain(`${entry.label} Flow view and Present: ${entry.description}`);
  });

  it('runs the timer keys, and no flow key is a timer key', () => {
    for (const entry of TIMER_KEYS)
      expect(timerAction({ key: entry.key.toUpperCase(), mod: false, alt: false })).toBe(
        entry.action,
      );
    expect(timerAction({ key: 's', mod: true, alt: false })).toBeUndefined();
    for (const entry of TIMER_KEYS)
      expect(flowAction({ ...press, key: entry.key }, false)).toBeUndefined();
  });
});
