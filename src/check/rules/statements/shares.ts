/**
 * S-08: a share printed in the 说明 ("X 万元，占 p%", "占本年支出预算 p%", "占比 p%") is X divided by
 * some whole the document prints — an amount earlier in the sentence or in the three sentences
 * before it in the same section, or an amount in a total row of one of its tables — judged at the
 * precision printed (X and the whole within one step of their last digits, p within
 * [p − ½ step, p + 1 step)). The whole a share is "of" is often not named, so a share that no printed
 * whole explains is a warning, not an error.
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule, tablesInOtherFile, whyNoTables } from "../../rule.ts";
import {
  amountsIn,
  excerpt,
  formatRatio,
  formatScaled,
  NUMBER,
  type PrintedAmount,
  rateAgrees,
  readNumber,
  scaled,
  sentenceLoc,
  sentencesOf,
  step,
} from "./sentences.ts";

const ID = "S-08";

const SHARE = new RegExp(String.raw`(${NUMBER})(亿元|万元|元),?占(?:比|[^,;。%\d]{0,16}?)?(?:为|的)?(${NUMBER})%`, "g");

/** An exact value with the half-width of what it may stand for (10⁻¹² 万元). */
interface Whole {
  v: bigint;
  s: bigint;
}

export const S08 = defineRule({
  id: ID,
  severity: "warning",
  category: "text",
  title: "说明中的占比是所列金额除以文中或表中印出的某一总额（按印出的精度判断）",
  source: "财预〔2016〕143号（说明应与报表一致）; derived (T-03, T-10 in any wording)",
  general: true,
  // (its findings say no printed total gives the share: one may be printed on a picture)
  says: "absent",
  run: ({ d, template }) => {
    if (!template.national) return { notChecked: `地区模板 ${template.id} 的说明占比由 T-03、T-10 按其说明结构核对` };
    // without tables the whole a share is of may be printed only there (a text-only file)
    if (tablesInOtherFile(d)) return { notChecked: whyNoTables(d) };
    if (d.tables.length === 0) return { notChecked: "没有读取到表格：占比的总额可能只印在表中，未核对" };
    const out: Finding[] = [];
    // the amounts in the tables' total rows (unreliable tables never reach text rules)
    const tableWholes: Whole[] = [];
    for (const t of d.tables) {
      const unitScale = t.unit === "yuan" ? 100_000_000n : 1_000_000_000_000n;
      const st = unitScale / 10n ** BigInt(t.precision ?? 2) || 1n;
      // total rows, and the first row with amounts (a total printed without its label)
      const first = t.rows.find((r) => r.cells.some((c) => typeof c === "number"));
      for (const r of t.rows) {
        if (r !== first && r.kind !== "total" && !/总计|合计/.test(r.label)) continue;
        for (const c of r.cells)
          if (typeof c === "number" && c > 0) tableWholes.push({ v: BigInt(c) * 1_000_000n, s: st });
      }
    }
    const sentences = sentencesOf(d);
    // the parts a section gives shares of add up to a whole it may not print ("基本支出 … 占本年支出预算
    // 53.59%；项目支出 … 占 46.41%": 基本 + 项目)
    const partSums = new Map<string, Whole>();
    for (const s of sentences)
      for (const m of s.text.matchAll(SHARE)) {
        const a: PrintedAmount = { ...readNumber(m[1]!), unit: m[2] as PrintedAmount["unit"] };
        const w = partSums.get(s.section) ?? { v: 0n, s: 0n };
        partSums.set(s.section, { v: w.v + scaled(a), s: w.s + step(a) });
      }
    sentences.forEach((s, i) => {
      if (!s.text.includes("占")) return;
      for (const m of s.text.matchAll(SHARE)) {
        const part: PrintedAmount = { ...readNumber(m[1]!), unit: m[2] as PrintedAmount["unit"] };
        const p = readNumber(m[3]!);
        const x = scaled(part);
        const sx = step(part);
        if (x <= 0n) continue;
        const wholes: Whole[] = [];
        const add = (a: PrintedAmount) => wholes.push({ v: scaled(a), s: step(a) });
        for (const a of amountsIn(s.text)) if (a.index !== m.index) add(a.amount);
        const sum = partSums.get(s.section);
        if (sum) wholes.push(sum);
        for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
          const prev = sentences[j]!;
          if (prev.section !== s.section) break;
          for (const a of amountsIn(prev.text)) add(a.amount);
        }
        // shares are often adjusted by one last digit so that they add up to 100%: one step more
        const fits = (w: Whole) =>
          w.v + w.s >= x - sx && rateAgrees(p, [x - sx > 0n ? x - sx : 0n, w.v + w.s], [x + sx, w.v - w.s], 3n);
        if (wholes.some(fits) || tableWholes.some(fits)) continue;
        // the whole the share is most likely of: the smallest printed amount above the part
        const near = [...wholes, ...tableWholes].filter((w) => w.v > x).sort((a, b) => (a.v < b.v ? -1 : 1))[0];
        out.push({
          rule: ID,
          severity: "warning",
          message: `说明中“${excerpt(s.text, m.index ?? 0)}”：${part.text}${part.unit} 占 ${p.text}%，文中和表中印出的总额都得不出这一占比${near ? `（例如 ÷ ${formatScaled(near.v)} 万元 = ${formatRatio(x, near.v, Math.max(p.k, 2))}）` : ""}。请核对占比或金额`,
          location: sentenceLoc(s),
          actual: `${p.text}%`,
        });
      }
    });
    return out;
  },
});
