// exceljs's Workbook module on its own (lib/doc/workbook.js: what the package's index exports as
// `Workbook`); its types are the package's.
declare module "exceljs/lib/doc/workbook.js" {
  import type ExcelJS from "exceljs";

  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}
