/**
 * T-04, T-12: every 增减 sentence — growth = change / (amount − change) exactly at 0.01%, and the
 * signs agree with the wording; T-05 … T-07, T-13: the prior-year amounts reconstructed from
 * (amount − change) agree between income and expenditure and between 说明二 and 说明五.
 */
import { cached, tableById } from "../../../model/access.ts";
import type { Explanation, Statement } from "../../../model/disclosure.ts";
import type { Finding, Location } from "../../../model/finding.ts";
import { type Fen, formatWanyuan, sum } from "../../../model/money.ts";
import { compareSum, defineRule, type RuleContext } from "../../rule.ts";
import {
  checkChange,
  explanationById,
  generalBudgetPart,
  incomeLineKey,
  natureKey,
  resolveItemCode,
  textLoc,
  toFinding,
} from "./shared.ts";

/**
 * The 机关运行经费 statement of 其他重要事项 when no 说明 section lists it: a section of its own (spec
 * otherMatter, Jiangsu 说明十) lists it among its statements, and T-04 checks it once.
 */
function unlistedOfficeOperatingCost(ctx: RuleContext): Statement | undefined {
  const oc = ctx.d.otherMatters.officeOperatingCost;
  if (!oc || !ctx.template.explanations.some((e) => e.otherMatter === "officeOperatingCost")) return oc;
  for (const e of ctx.d.explanations)
    for (const s of e.statements)
      if (
        !(e.no === 5 && generalBudgetPart(s) === 3) &&
        s.subject === oc.subject &&
        s.amount === oc.amount &&
        s.change === oc.change
      )
        return undefined;
  return oc;
}

export const T04 = defineRule({
  id: "T-04",
  severity: "error",
  category: "text",
  title: "增减额与增长率一致：增长率 = 增减额 ÷（本年 − 增减额），符号与“增加/减少”“增长/下降”一致",
  source: "derived",
  run: (ctx) => {
    // every statement with a change outside 说明五(三) (T-12 checks those), then 机关运行经费 of
    // 其他重要事项; a finding's place is made only for a finding
    const out: Finding[] = [];
    let checked = 0;
    for (const e of ctx.d.explanations)
      for (const s of e.statements) {
        if (s.change === undefined || (e.no === 5 && generalBudgetPart(s) === 3)) continue;
        checked++;
        const cs = checkChange(s);
        if (cs.length === 0) continue;
        const loc = textLoc(e.no, `（${s.subject}）`);
        for (const c of cs) out.push(toFinding("T-04", c, loc, `${s.subject}：`));
      }
    const oc = unlistedOfficeOperatingCost(ctx);
    if (oc?.change !== undefined) {
      checked++;
      const loc = textLoc(12, "（一）机关运行经费");
      for (const c of checkChange(oc)) out.push(toFinding("T-04", c, loc, `${oc.subject}：`));
    }
    if (checked === 0) return { notChecked: "说明中没有识别出增减额" };
    return out;
  },
});

/**
 * 说明五(三) item statements in order, each with "说明五（三）第 n 项" (found once per check run:
 * T-11 … T-13 and C-22 read them).
 */
export function itemStatements(e: Explanation | undefined): readonly { s: Statement; n: number }[] {
  return e ? cached(e, "itemStatements", findItemStatements) : [];
}

function findItemStatements(e: Explanation): { s: Statement; n: number }[] {
  return e.statements.filter((s) => generalBudgetPart(s) === 3).map((s, i) => ({ s, n: i + 1 }));
}

export const T12 = defineRule({
  id: "T-12",
  severity: "error",
  category: "text",
  title: "说明五（三）每个项的增长率 = 增减额 ÷ 上年预算，符号与文字一致",
  source: "derived; L5 (项级)",
  run: (ctx) => {
    const e = explanationById(ctx, "generalBudget");
    const items = itemStatements(e).filter(({ s }) => s.change !== undefined);
    if (!e || items.length === 0) return { notChecked: "说明五（三）中没有识别出各项的增减额" };
    const t5 = tableById(ctx.d, "generalBudgetExpenditure");
    const out: Finding[] = [];
    for (const { s, n } of items) {
      const cs = checkChange(s);
      if (cs.length === 0) continue; // (the place is made only for a finding)
      const code = resolveItemCode(t5, s);
      const loc: Location = { ...textLoc(e.no, `（三）第 ${n} 项`), row: code ? `${code} ${s.subject}` : s.subject };
      for (const c of cs) out.push(toFinding("T-12", c, loc, `${s.subject}：`));
    }
    return out;
  },
});

const prior = (s: Statement): Fen => (s.amount ?? 0) - (s.change ?? 0);

function incomeSources(e: Explanation | undefined): Statement[] {
  return (e?.statements ?? []).filter((s) => {
    const k = incomeLineKey(s.subject);
    return k !== undefined && k !== "total" && s.amount !== undefined;
  });
}

function basicProject(e: Explanation | undefined, part?: 1): Statement[] {
  return (e?.statements ?? []).filter((s) => {
    if (part && generalBudgetPart(s) !== 1) return false;
    const k = natureKey(s.subject);
    return (k === "basic" || k === "project") && s.amount !== undefined;
  });
}

/**
 * A printed change is the difference of two amounts that are each rounded to 0.01 万元, so it can be
 * off by up to 0.01 万元 (two half-steps), not 0.005. Comparing the sums of n changes on two sides
 * therefore allows 0.01 × n 万元, i.e. the 0.005 × (k + 1) bound of compareSum with k = 2n − 1.
 */
function changeSumAddends(changes: number): number {
  return Math.max(0, 2 * changes - 1);
}

const allHaveChange = (ss: Statement[]) => ss.length > 0 && ss.every((s) => s.change !== undefined);

export const T05 = defineRule({
  id: "T-05",
  severity: "error",
  category: "text",
  title: "由说明二各收入来源推算的上年预算合计 = 由说明三 基本+项目 推算的上年预算合计",
  source: "derived (strong cross-check)",
  run: (ctx) => {
    const inc = incomeSources(explanationById(ctx, "income"));
    const exp = basicProject(explanationById(ctx, "expenditure"));
    if (!allHaveChange(inc) || !allHaveChange(exp)) return { notChecked: "说明二或说明三缺少金额或增减额" };
    const f = compareSum(T05, {
      expected: sum(exp.map(prior)),
      actual: sum(inc.map(prior)),
      addends: inc.length + exp.length,
      message: () =>
        `按说明二推算的上年收入预算 ${formatWanyuan(sum(inc.map(prior)))} 万元与按说明三推算的上年支出预算 ${formatWanyuan(sum(exp.map(prior)))} 万元不一致`,
      location: () => textLoc(2),
    });
    return f ? [f] : [];
  },
});

export const T06 = defineRule({
  id: "T-06",
  severity: "error",
  category: "text",
  title: "说明五（一）推算的上年一般公共预算当年拨款 = 说明二 一般公共预算 + 上级一般公共预算转移支付 的上年数",
  source: "derived",
  run: (ctx) => {
    const inc = incomeSources(explanationById(ctx, "income")).filter((s) => {
      const k = incomeLineKey(s.subject);
      return k === "generalBudget" || k === "upperTransferGeneral";
    });
    const gb = basicProject(explanationById(ctx, "generalBudget"), 1);
    if (!allHaveChange(inc) || !allHaveChange(gb)) return { notChecked: "说明二或说明五（一）缺少金额或增减额" };
    const f = compareSum(T06, {
      expected: sum(inc.map(prior)),
      actual: sum(gb.map(prior)),
      addends: inc.length + gb.length,
      message: () =>
        `按说明五（一）推算的上年一般公共预算拨款 ${formatWanyuan(sum(gb.map(prior)))} 万元与按说明二推算的 ${formatWanyuan(sum(inc.map(prior)))} 万元不一致`,
      location: () => textLoc(5, "（一）"),
    });
    return f ? [f] : [];
  },
});

export const T07 = defineRule({
  id: "T-07",
  severity: "error",
  category: "text",
  title: "说明二各收入来源增减额合计 = 说明三 基本支出与项目支出增减额合计",
  source: "derived",
  run: (ctx) => {
    const inc = incomeSources(explanationById(ctx, "income"));
    const exp = basicProject(explanationById(ctx, "expenditure"));
    if (!allHaveChange(inc) || !allHaveChange(exp)) return { notChecked: "说明二或说明三缺少增减额" };
    const a = sum(inc.map((s) => s.change!));
    const b = sum(exp.map((s) => s.change!));
    const f = compareSum(T07, {
      expected: b,
      actual: a,
      addends: changeSumAddends(inc.length + exp.length),
      message: () =>
        `说明二收入增减额合计 ${formatWanyuan(a)} 万元与说明三支出增减额合计 ${formatWanyuan(b)} 万元不一致`,
      location: () => textLoc(2),
    });
    return f ? [f] : [];
  },
});

export const T13 = defineRule({
  id: "T-13",
  severity: "error",
  category: "text",
  title: "说明五（三）各项增减额之和 = 说明五（一）基本支出与项目支出增减额之和",
  source: "derived",
  run: (ctx) => {
    const e = explanationById(ctx, "generalBudget");
    const items = itemStatements(e).map(({ s }) => s);
    const gb = basicProject(e, 1);
    if (!allHaveChange(items) || !allHaveChange(gb)) return { notChecked: "说明五（一）或（三）缺少增减额" };
    const a = sum(items.map((s) => s.change!));
    const b = sum(gb.map((s) => s.change!));
    const f = compareSum(T13, {
      expected: b,
      actual: a,
      addends: changeSumAddends(items.length + gb.length),
      message: () =>
        `说明五（三）各项增减额之和 ${formatWanyuan(a)} 万元与说明五（一）增减额之和 ${formatWanyuan(b)} 万元不一致`,
      location: () => textLoc(5, "（三）"),
    });
    return f ? [f] : [];
  },
});
