/**
 * C-01 … C-04: timeliness and the 部门概况 part (主要职能, 机构设置, 人员情况).
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { PART } from "../text/shared.ts";

const loc = (section: string) => ({ part: PART.overview, section });

export const C01 = defineRule({
  id: "C-01",
  severity: "error",
  category: "completeness",
  title: "部门预算在财政部门批复后 20 日内公开",
  source: "《预算法》第十四条; 财预〔2016〕143号",
  run: ({ d }) =>
    d.meta.publishedOn
      ? {
          notChecked: `文件落款日期为 ${d.meta.publishedOn}，但没有财政部门批复日期，无法判断是否在批复后 20 日内公开；请提供批复日期`,
        }
      : { notChecked: "文件既没有公开日期也没有批复日期，无法判断是否在批复后 20 日内公开" },
});

export const C02 = defineRule({
  id: "C-02",
  severity: "error",
  category: "completeness",
  title: "部门概况：主要职能",
  source: "L5 (143号)",
  run: ({ d }) =>
    d.overview.functions.length > 0
      ? []
      : [{ rule: "C-02", severity: "error", message: "部门概况缺少主要职能", location: loc("主要职能") }],
});

export const C03 = defineRule({
  id: "C-03",
  severity: "error",
  category: "completeness",
  title: "部门概况：机构设置（内设机构、所属预算单位名单及个数、行政/事业单位个数）",
  source: "L5 (143号)",
  run: ({ d }) => {
    const o = d.overview;
    const out: Finding[] = [];
    const l = loc("机构设置");
    const err = (message: string, severity: Finding["severity"] = "error") =>
      out.push({ rule: "C-03", severity, message, location: l });
    if (o.divisions.length === 0 && o.divisionCount === undefined) err("部门概况没有列出内设机构", "warning");
    if (o.divisionCount !== undefined && o.divisions.length > 0 && o.divisionCount !== o.divisions.length)
      out.push({
        rule: "C-03",
        severity: "error",
        message: `内设科室称 ${o.divisionCount} 个，但列出了 ${o.divisions.length} 个`,
        location: l,
        expected: String(o.divisions.length),
        actual: String(o.divisionCount),
      });
    if (o.budgetUnits.length === 0) err("部门概况没有列出纳入部门预算的预算单位");
    const n = o.budgetUnits.length;
    // "下属 N 家预算单位" may or may not count the department's own 本级 unit.
    if (o.budgetUnitCount !== undefined && n > 0 && o.budgetUnitCount !== n && o.budgetUnitCount !== n - 1)
      err(`预算单位称 ${o.budgetUnitCount} 家，但名单列出 ${n} 家`);
    if (o.administrativeUnits !== undefined && o.institutionUnits !== undefined && n > 0) {
      const k = o.administrativeUnits + o.institutionUnits;
      if (k !== n)
        err(
          `行政单位 ${o.administrativeUnits} 家 + 事业单位 ${o.institutionUnits} 家 = ${k} 家，与预算单位名单 ${n} 家不一致`,
        );
    } else if (n > 0) err("部门概况没有说明行政单位、事业单位各几家", "warning");
    return out;
  },
});

export const C04 = defineRule({
  id: "C-04",
  severity: "error",
  category: "completeness",
  title: "部门概况：人员情况（编制数、实有人数及在职/退休/离休）",
  source: "Xinjiang template",
  run: ({ d, template }) => {
    if (!template.statesStaffing) return { notChecked: `模板 ${template.id} 的部门概况不包括人员情况` };
    const s = d.overview.staffing;
    const missing = [
      ["编制数", s.authorized],
      ["实有人数", s.actual],
      ["在职人数", s.active],
      ["退休人数", s.retired],
    ]
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    if (missing.length === 0) return [];
    return [
      {
        rule: "C-04",
        severity: "error",
        message: `部门概况人员情况缺少：${missing.join("、")}`,
        location: loc("机构设置及人员情况"),
      },
    ];
  },
});
