import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A ledger's sheet as the office keeps it: one column per header, the header
 * row bold and frozen. Rows are added by header key (`addRow({ 标题: … })`)
 * or in column order; the import reads them back by header.
 */
export function ledgerWorkbook(sheetName: string, columns: readonly string[], widthOf: (column: string) => number) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中枢';
  const sheet = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((header) => ({ header, key: header, width: widthOf(header) }));
  sheet.getRow(1).font = { bold: true };
  return { sheet, toBuffer: async () => Buffer.from(await wb.xlsx.writeBuffer()) };
}
