/**
 * T-22 … T-26: 其他重要事项 and 概况 — 机关运行经费 vs 公用经费, 政府采购 arithmetic, 车辆 totals,
 * 车辆 vs 表10 公务用车, and 人员 counts.
 */
import { lineCell, tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { basicAmounts, otherSectionNo, PART, squash, textLoc, totalAt } from "./shared.ts";

const loc12 = (sub: string) => textLoc(12, sub);

export const T22 = defineRule({
  id: "T-22",
  severity: "error",
  category: "text",
  title: "机关运行经费 ≤ 表6 公用经费；只有行政（参公）单位时两者相等",
  source: "名词解释（机关运行经费 = 行政单位（含参公事业单位）的公用经费）; L1",
  run: (ctx) => {
    const { d } = ctx;
    const oc = d.otherMatters.officeOperatingCost;
    const t6 = tableById(d, "basicExpenditure");
    if (oc?.amount === undefined) return { notChecked: "没有识别出机关运行经费金额" };
    // Jiangsu 2017 prints the 机关运行经费 as a table of its own (表10), which counts the running costs
    // paid from 项目 funds too: the 说明 states that table's total
    const own = tableById(d, "officeOperatingCost");
    if (own) {
      const total = totalAt(own, "total");
      if (total === undefined) return { notChecked: `表${own.no}“${own.title}”没有识别出合计行` };
      const f = compareSum(T22, {
        expected: total,
        actual: oc.amount,
        addends: 0,
        message: () =>
          `说明中机关运行经费 ${formatWanyuan(oc.amount!)} 万元与表${own.no} 合计 ${formatWanyuan(total)} 万元不一致`,
        location: () => ({ ...textLoc(otherSectionNo(ctx, "officeOperatingCost")), table: own.no }),
        statedInWanyuan: own.unit === "yuan",
      });
      return f ? [f] : [];
    }
    if (!t6) return { notChecked: "没有表6 一般公共预算基本支出情况表" };
    const operating = basicAmounts(ctx, t6).operating ?? 0;
    const loc = () => ({
      ...textLoc(otherSectionNo(ctx, "officeOperatingCost"), "（一）机关运行经费"),
      table: 6,
      row: "总计",
      column: "公用经费",
    });
    if (oc.amount > operating)
      return [
        {
          rule: "T-22",
          severity: "error",
          message: `机关运行经费 ${formatWanyuan(oc.amount)} 万元大于表6 公用经费 ${formatWanyuan(operating)} 万元（机关运行经费是公用经费的一部分）`,
          location: loc(),
          expected: `≤ ${formatWanyuan(operating)}`,
          actual: formatWanyuan(oc.amount),
          difference: formatWanyuan(oc.amount - operating),
        },
      ];
    const units = d.overview.budgetUnits;
    const hasInstitution = units.some((u) => u.kind === "institution") || (d.overview.institutionUnits ?? 0) > 0;
    const allAdministrative = units.length > 0 && units.every((u) => u.kind === "administrative") && !hasInstitution;
    if (allAdministrative) {
      const f = compareSum(T22, {
        expected: operating,
        actual: oc.amount,
        addends: 0,
        message: () =>
          `部门只有行政单位，机关运行经费 ${formatWanyuan(oc.amount!)} 万元应等于表6 公用经费 ${formatWanyuan(operating)} 万元`,
        location: loc,
        statedInWanyuan: t6.unit === "yuan",
      });
      return f ? [f] : [];
    }
    if (oc.amount === operating)
      return {
        notChecked: hasInstitution
          ? `机关运行经费等于全部公用经费 ${formatWanyuan(operating)} 万元，但部门含事业单位；只有该事业单位参公或没有一般公共预算公用经费时才正确，文件未说明，无法判断`
          : `机关运行经费等于全部公用经费 ${formatWanyuan(operating)} 万元，但预算单位的性质（行政/事业）未识别，无法判断`,
      };
    return [];
  },
});

export const T23 = defineRule({
  id: "T-23",
  severity: "error",
  category: "text",
  title: "政府采购预算 = 货物 + 工程 + 服务；中小企业预留 ≤ 总额；小微企业预留 ≤ 中小企业预留；总额 ≤ 支出总计",
  source: "derived; GovBudgetChecker BUD-T004",
  run: ({ d }) => {
    const p = d.otherMatters.procurement;
    if (p?.total === undefined) return { notChecked: "没有识别出政府采购预算总额" };
    const out: Finding[] = [];
    const loc = loc12("（二）政府采购");
    if (p.goods !== undefined || p.works !== undefined || p.services !== undefined) {
      const parts = (p.goods ?? 0) + (p.works ?? 0) + (p.services ?? 0);
      const f = compareSum(T23, {
        expected: p.total,
        actual: parts,
        addends: 3,
        message: () =>
          `政府采购货物、工程、服务预算之和 ${formatWanyuan(parts)} 万元与政府采购预算 ${formatWanyuan(p.total!)} 万元不一致`,
        location: loc,
      });
      if (f) out.push(f);
    }
    const le = (a: number | undefined, b: number | undefined, what: string) => {
      if (a !== undefined && b !== undefined && a > b)
        out.push({
          rule: "T-23",
          severity: "error",
          message: `${what}：${formatWanyuan(a)} 万元 > ${formatWanyuan(b)} 万元`,
          location: loc,
          expected: `≤ ${formatWanyuan(b)}`,
          actual: formatWanyuan(a),
        });
    };
    le(p.smeReserved, p.total, "面向中小企业预留金额超过政府采购预算");
    le(p.microReserved, p.smeReserved, "小微企业预留金额超过面向中小企业预留金额");
    const t3 = tableById(d, "expenditure");
    le(p.total, t3 ? totalAt(t3, "total") : undefined, "政府采购预算超过部门支出总计");
    return out;
  },
});

export const T24 = defineRule({
  id: "T-24",
  severity: "error",
  category: "text",
  title: "国有资产：车辆总数与总价值 = 各类车辆之和",
  source: "derived",
  run: ({ d }) => {
    const v = d.otherMatters.assets?.vehicles;
    if (!v) return { notChecked: "没有识别出车辆情况" };
    if (v.byType.length === 0) return { notChecked: "车辆没有分类明细" };
    const out: Finding[] = [];
    const loc = loc12("（三）国有资产占用");
    const count = v.byType.reduce((a, b) => a + b.count, 0);
    if (count !== v.count)
      out.push({
        rule: "T-24",
        severity: "error",
        message: `车辆总数 ${v.count} 辆与各类车辆之和 ${count} 辆不一致`,
        location: loc,
        expected: String(count),
        actual: String(v.count),
        difference: String(v.count - count),
      });
    const f = compareSum(T24, {
      expected: v.value,
      actual: v.byType.reduce((a, b) => a + b.value, 0),
      addends: v.byType.length,
      message: "各类车辆价值之和与车辆总价值不一致",
      location: loc,
    });
    if (f) out.push(f);
    return out;
  },
});

export const T25 = defineRule({
  id: "T-25",
  severity: "warning",
  category: "text",
  title: "车辆与表10 公务用车：有车辆才有运行费；“未安排购置车辆经费”时表10 购置费为 0",
  source: "derived",
  run: ({ d, template }) => {
    const t10 = tableById(d, "threePublic");
    const spec10 = template.tables.find((x) => x.id === "threePublic");
    const a = d.otherMatters.assets;
    if (!t10 || !a) return { notChecked: "没有表10 或国有资产占用情况" };
    const out: Finding[] = [];
    const op = lineCell(t10, spec10, "vehicleOperation")?.amount ?? 0;
    const buy = lineCell(t10, spec10, "vehiclePurchase")?.amount ?? 0;
    const loc = { ...loc12("（三）国有资产占用"), table: 10 };
    if (a.vehicles) {
      const c = a.vehicles.count;
      if ((c > 0 && op === 0 && buy === 0) || (c === 0 && op > 0))
        out.push({
          rule: "T-25",
          severity: "warning",
          message: `占用车辆 ${c} 辆，而表10 公务用车运行费为 ${formatWanyuan(op)} 万元，两者不相称`,
          location: { ...loc, row: "公务用车运行费" },
        });
    }
    if (a.plannedVehicles && /未安排|不安排|无/.test(squash(a.plannedVehicles)) && buy > 0)
      out.push({
        rule: "T-25",
        severity: "error",
        message: `说明称“${a.plannedVehicles}”，但表10 公务用车购置费为 ${formatWanyuan(buy)} 万元`,
        location: { ...loc, row: "公务用车购置费" },
      });
    return out;
  },
});

const ACTIVE_CHANGE = /在职(?:人数|人员)较上年(减少|增加)(\d+)人/g;

export const T26 = defineRule({
  id: "T-26",
  severity: "error",
  category: "text",
  title: "人员：实有人数 = 在职 + 退休 + 离休；在职 ≤ 编制；说明中的在职人数增减与概况一致",
  source: "derived",
  run: ({ d }) => {
    const s = d.overview.staffing;
    if (s.actual === undefined || s.active === undefined) return { notChecked: "概况中没有识别出实有人数和在职人数" };
    const out: Finding[] = [];
    const loc = { part: PART.overview, section: "机构设置及人员情况" };
    const parts = s.active + (s.retired ?? 0) + (s.lixiu ?? 0);
    if (parts !== s.actual)
      out.push({
        rule: "T-26",
        severity: "error",
        message: `实有人数 ${s.actual} 人与在职 ${s.active} + 退休 ${s.retired ?? 0} + 离休 ${s.lixiu ?? 0} = ${parts} 人不一致`,
        location: loc,
        expected: String(parts),
        actual: String(s.actual),
        difference: String(s.actual - parts),
      });
    if (s.authorized !== undefined && s.active > s.authorized)
      out.push({
        rule: "T-26",
        severity: "warning",
        message: `在职 ${s.active} 人超过编制数 ${s.authorized}`,
        location: loc,
      });
    if (s.activeChange !== undefined) {
      for (const e of d.explanations) {
        if (e.no !== 3 && e.no !== 5) continue;
        // A claim lies within one sentence (it has no 。) and needs 职 (squashing neither adds nor
        // removes either): only the sentences with 职 are squashed and searched, in order.
        const all = e.text;
        for (let j = all.indexOf("职"); j >= 0; ) {
          let end = all.indexOf("。", j);
          if (end < 0) end = all.length;
          const text = squash(all.slice(all.lastIndexOf("。", j) + 1, end));
          j = all.indexOf("职", end + 1);
          ACTIVE_CHANGE.lastIndex = 0;
          for (let m = ACTIVE_CHANGE.exec(text); m; m = ACTIVE_CHANGE.exec(text)) {
            const claimed = (m[1] === "减少" ? -1 : 1) * Number(m[2]);
            if (claimed !== s.activeChange)
              out.push({
                rule: "T-26",
                severity: "error",
                message: `说明${e.no === 3 ? "三" : "五"}称在职人数较上年${m[1]} ${m[2]} 人，概况为${s.activeChange < 0 ? "减少" : "增加"} ${Math.abs(s.activeChange)} 人`,
                location: textLoc(e.no),
                expected: String(s.activeChange),
                actual: String(claimed),
              });
          }
        }
      }
    }
    return out;
  },
});
