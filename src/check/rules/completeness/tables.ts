/**
 * C-05 … C-17: every table of the template is published (even when empty), an empty table carries
 * a 空表说明 (at the table or in its 说明 section), and each table states 编制部门 and 单位.
 */
import { isEmptyTable, tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import { defineRule, type Rule, tablesInOtherFile, whyNoTables } from "../../rule.ts";
import { saysEmpty } from "../text/fund-statements.ts";
import { explanationById, PART } from "../text/shared.ts";
import { nationalEmptyNote, nationalTablePresence } from "./national.ts";

/** Rule id → template table id, with the rule's source. */
const REQUIRED: readonly [string, string, string][] = [
  ["C-05", "summary", "L5 (143号)"],
  ["C-06", "income", "L5 (143号)"],
  ["C-07", "expenditure", "L5 (143号)"],
  ["C-08", "fiscalSummary", "L5 (143号)"],
  ["C-09", "generalBudgetExpenditure", "L5 (143号)：功能分类到项"],
  ["C-10", "basicExpenditure", "L5 (143号)：经济分类到款"],
  ["C-11", "threePublic", "L5, L8"],
  ["C-12", "governmentFundExpenditure", "L5 (143号)"],
  ["C-13", "stateCapitalExpenditure", "Xinjiang template"],
  ["C-14", "projectExpenditure", "Xinjiang template"],
  ["C-15", "carryover", "Xinjiang template"],
];

function tableRule(id: string, tableId: string, source: string): Rule {
  const detail = { "C-09": "，功能分类到项", "C-10": "，经济分类到款" }[id] ?? "";
  return defineRule({
    id,
    severity: "error",
    category: "completeness",
    title: `公开表齐全：${titleOf(tableId)}${detail}`,
    source,
    general: true,
    run: ({ d, template }) => {
      if (tablesInOtherFile(d)) return { notChecked: whyNoTables(d) };
      const spec = template.tables.find((t) => t.id === tableId);
      if (!spec) return { notChecked: `模板 ${template.id} 没有该表` };
      if (spec.optional) return { notChecked: `${template.name}不要求公开该表` };
      // any region: the table or a variant of it anywhere in the document
      if (template.national) {
        const missing = nationalTablePresence(d, tableId, id, spec.no, titleOf(tableId));
        if (missing.length > 0 || !tableById(d, tableId)) return missing;
      }
      const t = tableById(d, tableId);
      if (t) {
        // 143号: 一般公共预算支出表 to 功能分类 项 (7 digits), 基本支出表 to 经济分类 款 (5 digits).
        const depth = id === "C-09" ? 7 : id === "C-10" ? 5 : 0;
        // (a table printing names without codes shows its depth by indentation, not checked here)
        const coded = t.rows.some((r) => r.code !== undefined && /^\d+$/.test(r.code));
        if (depth && coded && !isEmptyTable(t) && !t.rows.some((r) => r.code?.length === depth))
          return [
            {
              rule: id,
              severity: "error",
              message: `表${t.no}“${t.title}”没有细化到${depth === 7 ? "功能分类项级" : "经济分类款级"}`,
              location: { part: PART.tables, table: t.no },
            },
          ];
        return [];
      }
      return [
        {
          rule: id,
          severity: "error",
          message: `缺少表${spec.no}“${spec.title}”${spec.mayBeEmpty ? "（没有数据也应公开空表并说明）" : ""}`,
          location: { part: PART.tables, table: spec.no },
        },
      ];
    },
  });
}

export const TABLE_RULES: readonly Rule[] = REQUIRED.map(([id, tableId, source]) => tableRule(id, tableId, source));

function titleOf(tableId: string): string {
  return (
    {
      summary: "部门收支总体情况表",
      income: "部门收入总体情况表",
      expenditure: "部门支出总体情况表",
      fiscalSummary: "财政拨款收支预算总体情况表",
      generalBudgetExpenditure: "一般公共预算支出情况表",
      basicExpenditure: "一般公共预算基本支出情况表",
      threePublic: "财政拨款“三公”经费支出情况表",
      governmentFundExpenditure: "政府性基金预算支出情况表",
      stateCapitalExpenditure: "国有资本经营预算支出情况表",
      projectExpenditure: "一般公共预算项目支出情况表",
      carryover: "上年结转结余情况明细表",
    }[tableId] ?? tableId
  );
}

/** 说明 section that may carry the 空表说明 for a table. */
const NOTE_SECTION: Record<string, string> = {
  governmentFundExpenditure: "governmentFund",
  stateCapitalExpenditure: "stateCapital",
  projectExpenditure: "projects",
  carryover: "carryover",
  threePublic: "threePublic",
};

export const C16 = defineRule({
  id: "C-16",
  severity: "error",
  category: "completeness",
  title: "空表附有空表说明（表内或对应说明部分）",
  source: "L6 (143号：没有数据的表格应当列出空表并说明)",
  general: true,
  run: (ctx) => {
    if (tablesInOtherFile(ctx.d)) return { notChecked: whyNoTables(ctx.d) };
    if (ctx.d.tables.length === 0) return { notChecked: "没有公开表" };
    if (ctx.template.national) {
      const textRead = !ctx.d.provenance.parts || ctx.d.provenance.parts.includes("text");
      if (!textRead) return { notChecked: "说明部分未导入，无法判断是否在说明中作了空表说明" };
      // any region's wording: a warning, not an error, when no explanation is found anywhere
      return ctx.d.tables
        .filter((t) => !nationalEmptyNote(ctx.d, t.id))
        .map((t) => ({
          rule: "C-16",
          severity: "warning" as const,
          message: `表${t.no}“${t.title}”为空表，表内和说明中都没有找到空表说明`,
          location: { part: PART.tables, table: t.no },
        }));
    }
    const out: Finding[] = [];
    const textRead = !ctx.d.provenance.parts || ctx.d.provenance.parts.includes("text");
    const unknown: number[] = [];
    for (const t of ctx.d.tables) {
      if (!isEmptyTable(t)) continue;
      if (t.emptyNote?.trim()) continue;
      // The note may be in the 说明 part, which a PDF/XLSX import of the tables did not read.
      if (!textRead) {
        unknown.push(t.no);
        continue;
      }
      const sec = NOTE_SECTION[t.id];
      const e = sec ? explanationById(ctx, sec) : undefined;
      if (e && saysEmpty(e.text)) continue;
      out.push({
        rule: "C-16",
        severity: "error",
        message: `表${t.no}“${t.title}”为空表，但表内和说明中都没有空表说明`,
        location: { part: PART.tables, table: t.no },
      });
    }
    if (unknown.length > 0)
      return {
        notChecked: `表${unknown.join("、")}为空表且表内没有空表说明；说明部分未导入（${ctx.d.provenance.format.toUpperCase()} 只读取了表格），无法判断是否在说明中作了空表说明`,
      };
    return out;
  },
});

export const C17 = defineRule({
  id: "C-17",
  severity: "warning",
  category: "completeness",
  title: "每张表注明编制部门和金额单位",
  source: "L4 形式规范; derived from the seed",
  general: true,
  says: "present",
  run: ({ d, template }) => {
    if (tablesInOtherFile(d)) return { notChecked: whyNoTables(d) };
    if (d.tables.length === 0) return { notChecked: "没有公开表" };
    if (!template.printsPreparedBy)
      return { notChecked: `模板 ${template.id} 的表格不逐表印编制部门（部门名称在封面或分部标题中）` };
    const dept = d.meta.department.trim();
    const out: Finding[] = [];
    // Jiangsu prints the department inside each title ("2017年度江苏省高级人民法院部门收支预算总表")
    for (const t of d.tables)
      if (!t.preparedBy?.trim() && !(dept && t.title.includes(dept)))
        out.push({
          rule: "C-17",
          severity: "warning",
          message: `表${t.no}“${t.title}”没有注明编制部门`,
          location: { part: PART.tables, table: t.no },
        });
    return out;
  },
});
