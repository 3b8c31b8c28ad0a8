/**
 * Classification codes against the year's catalogs.
 * K-08 (warning): the two-sided tables (表1, 表4) list every 功能分类 类 of the year (the template
 *   prints all of them, blank when unused).
 * K-36 (warning): every function code/name (表1–5, 7–9) is in the 支出功能分类 catalog of the year and
 *   every economic code/name (表6) in the 部门预算支出经济分类 catalog. The built-in catalogs are
 *   partial, so there an unknown code is a notice that says so (a full catalogue's is a warning); a
 *   name that differs from the catalog's for a known code is a warning. Each code once per document.
 * Both take the catalogs as arguments (`catalogRules(…)`), so a caller with the full official
 * catalogs can build the same rules over them; the defaults are the embedded partial catalogs.
 */
import {
  builtinEconomicCatalog,
  builtinFunctionCatalog,
  type Catalog,
  classesOf,
  lookupCode,
} from "../../../catalog/index.ts";
import { cachedText, columnIndex, normaliseText, textAt } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { normaliseLabel } from "../../../templates/spec.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation } from "../arithmetic/sum-cells.ts";

export interface CatalogSource {
  function: (year: number) => Catalog | undefined;
  economic: (year: number) => Catalog | undefined;
}

const BUILTIN: CatalogSource = { function: builtinFunctionCatalog, economic: () => builtinEconomicCatalog() };

/** The printed classification name of a row: the expenditure item text minus its code, else the label. */
function printedName(t: PrintedTable, r: Row): string {
  const exp = textAt(t, r, "expenditureItem");
  const raw = exp ?? textAt(t, r, "name") ?? r.label;
  // (表2, 3, 5 print the same names: each distinct text is normalised once per check run)
  return cachedText(classificationName, raw);
}

/** 表1/表4 number the classes ("一、一般公共服务支出"); the number is not part of the name. */
function classificationName(raw: string): string {
  const n = normaliseText(raw);
  return normaliseLabel(/^\d/.test(n) ? n.replace(/^\d+/, "") : n);
}

const partialNote = (c: Catalog) => (c.partial ? "（所用目录不完整，请人工核对）" : "");

export function catalogRules(source: CatalogSource = BUILTIN): Rule[] {
  const K08: Rule = defineRule({
    id: "K-08",
    severity: "warning",
    category: "cross-table",
    title: "部门收支总体情况表、财政拨款收支总体情况表列出当年支出功能分类的全部类",
    source: "新疆模板（domain-rules K-08）",
    run: ({ d, template }) => {
      if (!template.listsAllClasses)
        return { notChecked: `模板 ${template.id} 的收支总表只列有数据的功能分类类，不要求列全` };
      const cat = source.function(d.meta.year);
      if (!cat) return { notChecked: `没有 ${d.meta.year} 年支出功能分类目录` };
      const specs = template.tables.filter((s) => s.layout === "twoSided");
      const tables = specs.flatMap((s) => d.tables.filter((t) => t.id === s.id));
      if (tables.length === 0) return { notChecked: "缺少表1、表4（收支总表）" };
      const out: Finding[] = [];
      for (const t of tables) {
        const printed = new Set(t.rows.flatMap((r) => (r.code?.length === 3 ? [r.code] : [])));
        const missing = classesOf(cat).filter((c) => !printed.has(c.code));
        if (missing.length > 0) {
          out.push({
            rule: K08.id,
            severity: "warning",
            message: `表${t.no}支出栏缺少 ${d.meta.year} 年功能分类 ${missing.length} 个类：${missing.map((c) => `${c.code} ${c.name}`).join("、")}`,
            location: cellLocation(t, undefined),
          });
        }
      }
      return out;
    },
  });

  const K36: Rule = defineRule({
    id: "K-36",
    severity: "warning",
    category: "cross-table",
    title: "功能分类、经济分类科目编码与名称符合当年分类目录",
    source: "政府收支分类科目（domain-rules K-36；内置目录为部分目录）",
    run: ({ d, template }) => {
      const fn = source.function(d.meta.year);
      const econ = source.economic(d.meta.year);
      // Checking only one of the two classifications would look like a pass for the other.
      if (!fn) return { notChecked: `没有 ${d.meta.year} 年支出功能分类目录` };
      if (!econ) return { notChecked: `没有 ${d.meta.year} 年部门预算支出经济分类目录` };
      const out: Finding[] = [];
      const seen = new Set<string>();
      for (const s of template.tables) {
        const cat = s.layout === "economicCoded" ? econ : fn;
        if (!cat) continue;
        const kind = s.layout === "economicCoded" ? "经济分类" : "功能分类";
        for (const t of d.tables.filter((x) => x.id === s.id)) {
          const projectAt = columnIndex(t, "projectName");
          for (const r of t.rows) {
            if (!r.code || r.kind === "total" || !/^\d+$/.test(r.code)) continue;
            const projectName = projectAt < 0 ? undefined : r.cells[projectAt];
            const isProject = r.kind === "project" || (typeof projectName === "string" && projectName.trim() !== "");
            // A 表7 project row's label is its 项 name only when the importer says so; check the code.
            const name = isProject ? undefined : printedName(t, r);
            const res = lookupCode(cat, r.code, name);
            if (res.kind === "ok") continue;
            const key = `${kind}:${r.code}:${name ?? ""}`;
            if (seen.has(key)) continue;
            seen.add(key);
            if (res.kind === "unknown") {
              // a partial catalogue not knowing a code says little (20106 财政事务 is real): a notice
              out.push({
                rule: K36.id,
                severity: cat.partial ? "notice" : "warning",
                message: cat.partial
                  ? `表${t.no}${kind}科目编码 ${r.code} 不在内置的${cat.year ?? ""}${cat.year ? " 年" : ""}${kind}目录中；该目录不完整，编码可能有效，请人工核对`
                  : `表${t.no}${kind}科目编码 ${r.code} 不在 ${cat.year ?? ""}${cat.year ? " 年" : ""}${kind}目录中`,
                location: cellLocation(t, r),
              });
            } else if (res.kind === "nameMismatch") {
              out.push({
                rule: K36.id,
                severity: "warning",
                message: `表${t.no}${kind}科目 ${r.code} 的名称“${name}”与目录名称“${res.expected}”不同${partialNote(cat)}`,
                location: cellLocation(t, r),
                expected: res.expected,
                actual: name ?? "",
              });
            }
          }
        }
      }
      return out;
    },
  });
  return [K08, K36];
}
