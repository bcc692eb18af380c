import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSuccess } from './helpers/maps';
import { paperFlow, tabNameFor } from '../../src/views/flow/paperFlow';
import {
  buildFlowWorkbook,
  flowXlsxBytes,
  type ExcelCell,
  type ExcelModule,
} from '../../src/views/flow/flowXlsx';

const round = () =>
  parseSuccess(readFileSync('tests/fixtures/rounds/policy-round.clashmap.json', 'utf8'));

/** A workbook that records what is written into it, cell by cell. */
function recordingExcel() {
  const sheets: {
    name: string;
    options: unknown;
    cells: Map<string, ExcelCell>;
    widths: number[];
    merged: number[][];
  }[] = [];
  const excel: ExcelModule = {
    Workbook: class {
      creator = '';
      title = '';
      xlsx = { writeBuffer: async () => new Uint8Array([0x50, 0x4b]) };
      addWorksheet(name: string, options: unknown) {
        const sheet = {
          name,
          options,
          cells: new Map<string, ExcelCell>(),
          widths: [] as number[],
          merged: [] as number[][],
        };
        sheets.push(sheet);
        return {
          set columns(columns: { width: number }[]) {
            sheet.widths = columns.map((c) => c.width);
          },
          get columns() {
            return sheet.widths.map((width) => ({ width }));
          },
          mergeCells: (...at: number[]) => void sheet.merged.push(at),
          getRow: (row: number) => ({
            height: 0,
            getCell: (column: number) => {
              const key = `${row}:${column}`;
              let cell = sheet.cells.get(key);
              if (!cell) {
                cell = { value: null, alignment: null, fill: null, font: null, border: null };
                sheet.cells.set(key, cell);
              }
              return cell;
            },
          }),
        };
      }
    },
  };
  return { excel, sheets };
}

const textOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : ((value as { richText?: { text: string }[] } | null)?.richText ?? [])
        .map((r) => r.text)
        .join('');

describe('the flow as a paper flow', () => {
  it('lays each sheet out as columns of speeches, each card in the row of what it answers', () => {
    const flow = paperFlow(round());
    expect(flow.subtitle).toBe('Policy: Northside AB (Affirmative) v Lakeview CD (Negative)');
    expect(flow.sheets.map((s) => s.tabName)).toEqual([
      'Advantage 1 joint intelligence',
      'Disadvantage sovereignty backla',
      "Counterplan fund Mexico's own p",
    ]);
    const adv = flow.sheets[0]!;
    expect(adv.columns.map((c) => c.id)).toEqual([
      '1AC',
      '1NC',
      '2AC',
      '2NC',
      '1NR',
      '1AR',
      '2NR',
      '2AR',
    ]);
    expect(adv.rows[0]![0]).toMatchObject({
      heading: true,
      text: 'Advantage 1: joint intelligence stops cartel violence',
    });
    // "Task forces failed in 2008" (1NC) sits beside the 1AC card it answers.
    const row = adv.rows.findIndex((r) => r[0]?.text === 'Joint task forces cut homicides');
    expect(adv.rows[row]![1]?.text).toBe('Task forces failed in 2008');
    const impact = adv.rows.flat().find((c) => c?.text === 'Violence spills across the border');
    expect(impact?.flags).toEqual(['dropped by the 1NC']);
  });

  it('names tabs as a spreadsheet requires: short, unique, without : \\ / ? * [ ]', () => {
    const taken = new Set<string>();
    expect(tabNameFor('DA: spending [2]?', taken)).toBe('DA spending 2');
    expect(tabNameFor('da spending 2', taken)).toBe('da spending 2 (2)');
    expect(tabNameFor('x'.repeat(40), taken)).toHaveLength(31);
    expect(tabNameFor('   ', taken)).toBe('Sheet');
  });
});

describe('the flow as an XLSX workbook', () => {
  it('writes a tab per sheet, landscape, speeches on row 3, cards with their flags below', async () => {
    const { excel, sheets } = recordingExcel();
    buildFlowWorkbook(excel, paperFlow(round()));
    expect(sheets.map((s) => s.name)).toHaveLength(3);
    const adv = sheets[0]!;
    expect(adv.options).toMatchObject({
      pageSetup: { orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' },
    });
    expect(adv.widths).toEqual(Array(8).fill(30));
    expect(textOf(adv.cells.get('1:1')?.value)).toBe(
      'Advantage 1: joint intelligence stops cartel violence',
    );
    expect([1, 2, 3, 8].map((c) => adv.cells.get(`3:${c}`)?.value)).toEqual([
      '1AC',
      '1NC',
      '2AC',
      '2AR',
    ]);
    const all = [...adv.cells.values()].map((c) => textOf(c.value));
    expect(all).toContain('Violence spills across the border\n[dropped by the 1NC]');
    // The aff's columns are on one pen's colour, the neg's on the other.
    const fill = (key: string) =>
      (adv.cells.get(key)?.fill as { fgColor: { argb: string } }).fgColor.argb;
    expect(fill('3:1')).not.toBe(fill('3:2'));
    expect(await flowXlsxBytes(round(), excel)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  // Run where the exceljs package is installed: the real library writes the file, and reads it back.
  it('round-trips through ExcelJS itself', async () => {
    const specifier = 'exceljs';
    const ExcelJS = ((await import(/* @vite-ignore */ specifier)) as { default: ExcelModule })
      .default;
    const bytes = await flowXlsxBytes(round(), ExcelJS);
    const book = new (
      ExcelJS.Workbook as unknown as new () => {
        xlsx: { load(data: Uint8Array): Promise<unknown> };
        worksheets: { name: string; getCell(at: string): { text: string } }[];
      }
    )();
    await book.xlsx.load(bytes);
    expect(book.worksheets.map((w) => w.name)).toHaveLength(3);
    expect(book.worksheets[0]!.getCell('A3').text).toBe('1AC');
  });
});
