import type { ClashMap } from '../../model/map';
import { paperFlow, type PaperCell, type PaperFlow } from './paperFlow';

/**
 * The flow as a spreadsheet laid out like a paper flow: a tab per sheet, a column per speech
 * (the aff's on blue, the neg's on red, as two pens), each card in its row with its flags under
 * it, crossed-out cards struck through, landscape pages with the speeches repeated on each.
 * ExcelJS is loaded only when a flow is exported.
 */

/** The part of ExcelJS this file uses (its own types come with the package). */
export interface ExcelCell {
  value: unknown;
  alignment: unknown;
  fill: unknown;
  font: unknown;
  border: unknown;
}
export interface ExcelRow {
  getCell(column: number): ExcelCell;
  height: number;
}
export interface ExcelWorksheet {
  columns: { width: number }[];
  getRow(row: number): ExcelRow;
  mergeCells(top: number, left: number, bottom: number, right: number): void;
}
export interface ExcelWorkbook {
  creator: string;
  title: string;
  addWorksheet(name: string, options: unknown): ExcelWorksheet;
  xlsx: { writeBuffer(): Promise<ArrayBuffer | Uint8Array> };
}
export interface ExcelModule {
  Workbook: new () => ExcelWorkbook;
}

const PEN = { aff: 'FFDCE8F5', neg: 'FFF7E0DC' } as const;
const FLAG_COLOR = 'FF8A1C12';
const THIN = { style: 'thin', color: { argb: 'FFB0B4BC' } };
/** A column is as wide as a paper flow's: about thirty characters. */
const COLUMN_WIDTH = 30;

function cellValue(cell: PaperCell) {
  if (cell.flags.length === 0) return cell.text;
  return {
    richText: [
      { text: cell.text, font: { bold: cell.heading, strike: cell.crossed } },
      {
        text: cell.flags.map((flag) => `\n[${flag}]`).join(''),
        font: { italic: true, size: 9, color: { argb: FLAG_COLOR } },
      },
    ],
  };
}

/** Writes the paper flow into a new workbook made with `excel`. */
export function buildFlowWorkbook(excel: ExcelModule, flow: PaperFlow): ExcelWorkbook {
  const workbook = new excel.Workbook();
  workbook.creator = 'Clashmap';
  workbook.title = flow.title;
  for (const sheet of flow.sheets) {
    const width = Math.max(1, sheet.columns.length);
    const ws = workbook.addWorksheet(sheet.tabName, {
      pageSetup: {
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '3:3',
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
      },
      views: [{ state: 'frozen', ySplit: 3 }],
      properties: { tabColor: { argb: sheet.side ? PEN[sheet.side] : 'FFDDDDDD' } },
    });
    ws.columns = sheet.columns.map(() => ({ width: COLUMN_WIDTH }));
    // Row 1: the sheet's title; row 2: the round; row 3: the speeches.
    ws.mergeCells(1, 1, 1, width);
    ws.mergeCells(2, 1, 2, width);
    const title = ws.getRow(1).getCell(1);
    title.value = sheet.title;
    title.font = { bold: true, size: 14 };
    const subtitle = ws.getRow(2).getCell(1);
    subtitle.value = `${flow.title} · ${flow.subtitle}`;
    subtitle.font = { italic: true, color: { argb: 'FF55565E' } };
    sheet.columns.forEach((speech, c) => {
      const head = ws.getRow(3).getCell(c + 1);
      head.value = speech.id;
      head.font = { bold: true };
      head.alignment = { horizontal: 'center' };
      head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PEN[speech.side] } };
      head.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    });
    sheet.rows.forEach((row, r) => {
      const line = ws.getRow(r + 4);
      let lines = 1;
      row.forEach((cell, c) => {
        const at = line.getCell(c + 1);
        const speech = sheet.columns[c]!;
        at.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PEN[speech.side] } };
        at.border = { left: THIN, right: THIN };
        at.alignment = { wrapText: true, vertical: 'top' };
        if (!cell) return;
        at.value = cellValue(cell);
        if (cell.flags.length === 0 && (cell.crossed || cell.heading))
          at.font = { bold: cell.heading, strike: cell.crossed };
        lines = Math.max(
          lines,
          Math.ceil(cell.text.length / (COLUMN_WIDTH - 2)) + cell.flags.length,
        );
      });
      line.height = Math.min(409, 15 * lines);
    });
  }
  return workbook;
}

/** Loads ExcelJS (its browser build, in its own chunk: only an export needs it). */
export async function loadExcel(): Promise<ExcelModule> {
  const module = (await import('exceljs')) as unknown as {
    default?: ExcelModule;
  } & Partial<ExcelModule>;
  const excel = module.Workbook ? (module as ExcelModule) : module.default;
  if (!excel?.Workbook) throw new Error('The spreadsheet library did not load as expected.');
  return excel;
}

/** The map's flow as an .xlsx file's bytes. */
export async function flowXlsxBytes(map: ClashMap, excel?: ExcelModule): Promise<Uint8Array> {
  const workbook = buildFlowWorkbook(excel ?? (await loadExcel()), paperFlow(map));
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}
