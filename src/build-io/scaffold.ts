/**
 * `yusuan init DIR` (a package folder to fill in) and `yusuan template --xlsx FILE` (the same as an
 * Excel workbook with validation lists for codes, funds, 基本/项目 and 人员/公用).
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { FUND_NAMES, LINE_ITEM_COLUMNS } from "../build/package.ts";
import type { CatalogSet } from "../catalog/catalog-set.ts";
import { InputError } from "../errors.ts";

export const SAMPLE_LINE_ITEMS = `${LINE_ITEM_COLUMNS.join(",")}
示例局,2080101,30101,一般公共预算本级,基本,人员,,1200000.00,1150000.00
示例局,2080101,30201,一般公共预算本级,基本,公用,,80000.00,82000.00
示例局,2080101,30217,一般公共预算本级,基本,公用,,10000.00,10000.00
示例局,2080104,30227,一般公共预算本级,项目,,示例业务项目,300000.00,250000.00
`;

export const SAMPLE_META = `# yusuan 预算包元数据（金额单位：元）。字段说明见 docs/package.md。
department: 示例局
year: 2025
region: 新疆
template: xinjiang-2025-budget
overview:
  functions:
    - 填写主要职能（每条一项）。
  divisions: [办公室]
  units:
    - { name: 示例局, kind: administrative }
  staffing: { authorized: 10, active: 9, activeChange: 0, retired: 2, retiredChange: 0, lixiu: 0, lixiuChange: 0 }
reasons:
  income:
    generalBudget: 填写一般公共预算增减原因
  expenditure:
    basic: 填写基本支出增减原因
    project: 填写项目支出增减原因
  generalBudget:
    basic: 填写原因
    project: 填写原因
  items:
    "2080101": 填写原因
    "2080104": 填写原因
fiscalUses:
  "208": 人员工资福利和日常运转支出
threePublic:
  overseasTravel: { amount: 0, prior: 0, reason: 未安排因公出国（境）费 }
  officialReception: { amount: 10000, prior: 10000, reason: 与上年持平 }
  vehiclePurchase: { amount: 0, prior: 0, reason: 未安排公务用车购置费 }
  vehicleOperation: { amount: 0, prior: 0, reason: 未安排公务用车运行费 }
officeOperatingCost: { prior: 92000, reason: 厉行节约 }
procurement: { goods: 0, works: 0, services: 300000, smeReserved: 300000, microReserved: 300000 }
assets:
  asOf: 2024 年底
  buildingArea: "500.00"
  buildingValue: 1000000
  vehicles:
    - { type: 一般公务用车, count: 0, value: 0 }
  furnitureValue: 50000
  otherValue: 0
projects:
  - name: 示例业务项目
    basis: [填写政策依据]
    allocationText: 填写资金分配情况。
    period: 2025年1月1日-2025年12月31日
performance:
  overall:
    contact: 填写联系人
    phone: 填写电话
    goal: 填写部门整体绩效目标
    indicators:
      - { level1: 履职效能, level2: 数量指标, name: 填写指标, target: ">=1项", basis: 工作计划, weight: 45 }
      - { level1: 履职效能, level2: 质量指标, name: 填写指标, target: ">=90%", basis: 工作计划, weight: 45 }
  projects:
    - name: 示例业务项目
      manager: 填写负责人
      goal: 填写项目总体目标
      indicators:
        - { level1: 产出指标, level2: 数量指标, name: 填写指标, target: ">=1次", basis: 计划标准, lastYear: "-", weight: 40, scoring: 按照完成比例赋分, evidence: 工作资料 }
        - { level1: 成本指标, level2: 经济成本指标, name: 项目成本, target: "<=30万元", basis: 计划标准, lastYear: "-", weight: 20, scoring: 按照完成比例赋分, evidence: 原始凭证 }
        - { level1: 效益指标, level2: 社会效益指标, name: 填写效益, target: 有效提高, basis: 计划标准, lastYear: "-", weight: 20, scoring: 按评判等级赋分, evidence: 工作资料 }
        - { level1: 满意度指标, level2: 满意度指标, name: 服务对象满意度, target: ">=90%", basis: 计划标准, lastYear: "-", weight: 10, scoring: 满意度赋分, evidence: 工作资料 }
`;

/** Writes a package skeleton; refuses a non-empty directory. */
export async function initPackage(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const existing = await readdir(dir);
  if (existing.length) throw new InputError("目录不是空的", dir, "请指定一个新目录，避免覆盖已有文件");
  await writeFile(join(dir, "line-items.csv"), SAMPLE_LINE_ITEMS);
  await writeFile(join(dir, "meta.yaml"), SAMPLE_META);
  return [join(dir, "line-items.csv"), join(dir, "meta.yaml")];
}

/** Writes an Excel workbook to fill in: line-items (validated), meta (YAML, one line per row), lists. */
export async function writeTemplateWorkbook(file: string, catalog: CatalogSet): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "yusuan";
  const li = wb.addWorksheet("line-items");
  li.addRow([...LINE_ITEM_COLUMNS]);
  li.getRow(1).font = { bold: true };
  for (const line of SAMPLE_LINE_ITEMS.trim().split("\n").slice(1)) {
    const c = line.split(",");
    li.addRow([c[0], c[1], c[2], c[3], c[4], c[5], c[6], Number(c[7]), Number(c[8])]);
  }
  li.columns.forEach((col, i) => {
    col.width = i === 0 || i === 6 ? 30 : 16;
  });
  const lists = wb.addWorksheet("lists");
  const fn = [...catalog.function.entries.values()].filter((e) => e.level === "项");
  const ec = [...catalog.economic.entries.values()].filter((e) => e.level === "款");
  lists.addRow(["function_code", "名称", "economic_code", "名称", "fund", "nature", "basic_kind"]);
  const n = Math.max(fn.length, ec.length, FUND_NAMES.length);
  for (let i = 0; i < n; i++)
    lists.addRow([
      fn[i]?.code ?? null,
      fn[i]?.name ?? null,
      ec[i]?.code ?? null,
      ec[i]?.name ?? null,
      FUND_NAMES[i] ?? null,
      ["基本", "项目"][i] ?? null,
      ["人员", "公用"][i] ?? null,
    ]);
  const range = (col: string, count: number) => [`lists!$${col}$2:$${col}$${count + 1}`];
  const rules: [string, string[]][] = [
    ["B", range("A", fn.length)],
    ["C", range("C", ec.length)],
    ["D", range("E", FUND_NAMES.length)],
    ["E", range("F", 2)],
    ["F", range("G", 2)],
  ];
  for (let r = 2; r <= 2000; r++) {
    for (const [col, formulae] of rules)
      li.getCell(`${col}${r}`).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae,
        showErrorMessage: true,
        errorTitle: "无效值",
        error: "请从列表中选择（编码见 lists 表；内置目录不完整时可用 --catalog 指定官方目录）",
      };
    for (const col of ["H", "I"])
      li.getCell(`${col}${r}`).dataValidation = {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        error: "金额单位为元，不能为负数",
      };
  }
  const meta = wb.addWorksheet("meta");
  for (const line of SAMPLE_META.split("\n")) meta.addRow([line]);
  meta.getColumn(1).width = 120;
  await wb.xlsx.writeFile(file);
}
