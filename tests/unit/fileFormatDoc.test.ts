import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serializeMap } from '../../src/io/serialize';
import { LIMITS } from '../../src/model/limits';
import { CURRENT_VERSION, MAP_FILE_EXTENSION, MAP_MIME_TYPE } from '../../src/model/map';
import { parseSuccess } from './helpers/maps';

const doc = readFileSync('docs/file-format.md', 'utf8');

describe('docs/file-format.md', () => {
  it('describes the current version, extension and MIME type', () => {
    expect(doc).toContain(`# The Clashmap file format, version ${CURRENT_VERSION}`);
    expect(doc).toContain(`\`${MAP_FILE_EXTENSION}\``);
    expect(doc).toContain(`\`${MAP_MIME_TYPE}\``);
  });

  it('has an example that is a valid map, written exactly as serializeMap writes it', () => {
    const example = /```json\n([\s\S]*?\n)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(serializeMap(parseSuccess(example!))).toBe(example);
  });

  it('states the limits that src/model/limits.ts enforces', () => {
    const n = (value: number) => value.toLocaleString('en-US');
    for (const phrase of [
      `at most ${n(LIMITS.sources)}`,
      `at most ${n(LIMITS.nodes)}`,
      `at most ${n(LIMITS.edges)}`,
      `at most ${n(LIMITS.evidencePerNode)}`,
      `at most ${n(LIMITS.tagsPerNode)}, each 1–${n(LIMITS.tagLength)}`,
      `at most ${n(LIMITS.urlLength)}`,
      `1–${n(LIMITS.titleLength)}`,
      `0–${n(LIMITS.descriptionLength)}`,
      `1–${n(LIMITS.nodeTextLength)}`,
      `1–${n(LIMITS.quoteLength)}`,
      `1–${n(LIMITS.speakerLength)}`,
      `0–${n(LIMITS.notesLength)}`,
      `0–${n(LIMITS.edgeNoteLength)}`,
      `0–${n(LIMITS.sourceFieldLength)}`,
      `0–${n(LIMITS.sourceTextLength)}`,
      `−${n(LIMITS.coordinate)} to ${n(LIMITS.coordinate)}`,
      `1–${n(LIMITS.idLength)} characters`,
      `more than ${LIMITS.depth} levels`,
      `${n(LIMITS.fileBytes)} bytes`,
    ]) {
      expect(doc, phrase).toContain(phrase);
    }
  });
});
