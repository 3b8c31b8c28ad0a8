/**
 * build: a budget package → a complete Disclosure, consistent by construction. Pure: the package is
 * read by src/build-io; here only data in, data out.
 *
 * @example
 *   const { disclosure, problems } = build(pkg, bundledCatalog2025());
 */
import type { CatalogSet } from "../catalog/catalog-set.ts";
import { governmentOf } from "../catalog/regions.ts";
import { deriveFacts } from "../import/facts.ts";
import type { Disclosure, ProjectDescription } from "../model/disclosure.ts";
import { type Fen, parseYuan } from "../model/money.ts";
import { getTemplate } from "../templates/index.ts";
import { buildExplanations, explanationTitle, metaYuan } from "./explanations.ts";
import type { BudgetPackage, PackageProblem } from "./package.ts";
import { buildGlossary, buildOverview, buildPerformance, buildToc } from "./parts.ts";
import { buildTables, isGeneral, total } from "./tables.ts";

export interface BuildResult {
  disclosure?: Disclosure;
  problems: PackageProblem[];
}

/** Amount fields of the metadata that must be valid 元 amounts (path → value). */
function metaAmounts(pkg: BudgetPackage): [string, string | number | undefined][] {
  const m = pkg.meta;
  const out: [string, string | number | undefined][] = [];
  for (const k of ["overseasTravel", "officialReception", "vehiclePurchase", "vehicleOperation"] as const) {
    out.push([`threePublic.${k}.amount`, m.threePublic[k].amount], [`threePublic.${k}.prior`, m.threePublic[k].prior]);
    out.push([`threePublic.governmentFund.${k}`, m.threePublic.governmentFund?.[k]]);
  }
  out.push(
    ["officeOperatingCost.amount", m.officeOperatingCost.amount],
    ["officeOperatingCost.prior", m.officeOperatingCost.prior],
  );
  if (m.procurement)
    for (const k of ["goods", "works", "services", "smeReserved", "microReserved"] as const)
      out.push([`procurement.${k}`, m.procurement[k]]);
  if (m.assets) {
    out.push(
      ["assets.buildingValue", m.assets.buildingValue],
      ["assets.furnitureValue", m.assets.furnitureValue],
      ["assets.otherValue", m.assets.otherValue],
    );
    m.assets.vehicles.forEach((v, i) => {
      out.push([`assets.vehicles.${i}.value`, v.value]);
    });
  }
  m.projects.forEach((p, i) => {
    const walk = (a: { amount: string | number; children?: unknown[] }[], path: string) =>
      a.forEach((x, j) => {
        out.push([`${path}.${j}.amount`, x.amount]);
        if (x.children) walk(x.children as never, `${path}.${j}.children`);
      });
    walk(p.allocation as never, `projects.${i}.allocation`);
  });
  return out;
}

function validate(pkg: BudgetPackage, lineOf: (path: string) => number | undefined): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const err = (field: string, message: string, severity: "error" | "warning" = "error") =>
    problems.push({ file: metaFile(pkg), line: lineOf(field), field, severity, message });
  for (const [path, v] of metaAmounts(pkg)) {
    if (v === undefined) continue;
    const f = parseYuan(typeof v === "number" ? String(v) : v.replace(/,/g, ""));
    if (f === undefined) err(path, `“${v}”不是金额（元，最多两位小数）`);
    else if (f < 0) err(path, `金额不能为负数（${v}）`);
  }
  const units = pkg.meta.overview.units.map((u) => u.name);
  const dupUnit = units.find((u, i) => units.indexOf(u) !== i);
  if (dupUnit) err("overview.units", `预算单位“${dupUnit}”重复`);
  // Duplicate project names (meta) and projects shared by two units (line items).
  const names = pkg.meta.projects.map((p) => p.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i)
      err(`projects.${i}.name`, `项目“${n}”重复（第 ${names.indexOf(n) + 1} 个已有同名项目说明）`);
  });
  const perf = pkg.meta.performance.projects.map((p) => p.name);
  perf.forEach((n, i) => {
    if (perf.indexOf(n) !== i) err(`performance.projects.${i}.name`, `绩效目标表“${n}”重复`);
  });
  const owner = new Map<string, { unit: string; line: number; source: string }>();
  for (const it of pkg.items) {
    if (!it.project) continue;
    const o = owner.get(it.project);
    if (!o) owner.set(it.project, { unit: it.unit, line: it.line, source: it.source });
    else if (o.unit !== it.unit)
      problems.push({
        file: it.source,
        line: it.line,
        field: "project",
        severity: "error",
        message: `项目“${it.project}”重复：已在第 ${o.line} 行属于“${o.unit}”，此行属于“${it.unit}”；同名项目只能属于一个预算单位`,
      });
  }
  const lineProjects = new Set(pkg.items.map((it) => it.project).filter(Boolean));
  names.forEach((n, i) => {
    if (!lineProjects.has(n)) err(`projects.${i}.name`, `项目说明“${n}”在明细中没有对应的项目支出`, "warning");
  });
  pkg.meta.performance.projects.forEach((p, i) => {
    for (const n of p.projects ?? [p.name])
      if (!lineProjects.has(n)) err(`performance.projects.${i}.projects`, `绩效目标表覆盖的项目“${n}”在明细中不存在`);
  });
  // 三公 in the tables must cover what the basic expenditure books under the matching 款 (K-32).
  const econ = (codes: string[]) =>
    total(pkg.items, (it) => isGeneral(it) && it.nature === "basic" && codes.includes(it.economicCode));
  for (const [k, codes, label] of [
    ["overseasTravel", ["30212"], "因公出国（境）费"],
    ["officialReception", ["30217"], "公务接待费"],
    ["vehicleOperation", ["30231"], "公务用车运行费"],
    ["vehiclePurchase", ["30913", "31013"], "公务用车购置费"],
  ] as const) {
    const stated = metaYuan(pkg.meta.threePublic[k].amount);
    const booked = econ([...codes]);
    if (stated < booked)
      err(
        `threePublic.${k}.amount`,
        `${label} ${stated / 100} 元小于一般公共预算基本支出经济分类 ${codes.join("/")} 合计 ${booked / 100} 元`,
      );
  }
  return problems;
}

function metaFile(pkg: BudgetPackage): string {
  return pkg.metaFile ?? "meta.yaml";
}

function projectDescriptions(pkg: BudgetPackage): ProjectDescription[] {
  const gp = pkg.items.filter((it) => isGeneral(it) && it.nature === "project" && it.amount !== 0);
  const names = [...new Set(gp.map((it) => it.project as string))];
  const metaNames = pkg.meta.projects.map((p) => p.name).filter((n) => names.includes(n));
  const order = [...metaNames, ...names.filter((n) => !metaNames.includes(n))];
  return order.map((name) => {
    const m = pkg.meta.projects.find((p) => p.name === name);
    const its = gp.filter((it) => it.project === name);
    const scale = total(its, () => true);
    const conv = (a: {
      label: string;
      amount: string | number;
      children?: unknown[];
    }): ProjectDescription["allocation"][number] => ({
      label: a.label,
      amount: metaYuan(a.amount),
      ...(a.children ? { children: (a.children as never[]).map(conv) } : {}),
    });
    const allocation = (m?.allocation ?? []).map((a) => conv(a as never));
    const allocationText =
      m?.allocationText ??
      (allocation.length
        ? allocation.map((a) => `${a.label} ${(Math.round(a.amount / 10000) / 100).toFixed(2)} 万元`).join("；") + "。"
        : undefined);
    return {
      name,
      basis: m?.basis ?? [],
      scale: Math.round(scale / 10000) * 10000,
      unit: m?.unit ?? its[0]?.unit,
      ...(allocationText ? { allocationText } : {}),
      allocation,
      ...(m?.period ? { period: m.period } : {}),
      extra: m?.extra ?? {},
    };
  });
}

/** meta's government: the package's region as given, with city and county from the department's name. */
function government(
  department: string,
  region: string | undefined,
): Pick<Disclosure["meta"], "region" | "city" | "county"> {
  const g = governmentOf(department);
  const same = g && (!region || g.province === region);
  const r = region ?? g?.province;
  return {
    ...(r ? { region: r } : {}),
    ...(same && g.city ? { city: g.city } : {}),
    ...(same && g.county ? { county: g.county } : {}),
  };
}

/**
 * Builds the disclosure. `lineOf` maps a metadata field path ("threePublic.officialReception.amount")
 * to its line in the metadata file, for messages (the reader supplies it).
 */
export function build(
  pkg: BudgetPackage,
  catalog: CatalogSet,
  lineOf: (path: string) => number | undefined = () => undefined,
): BuildResult {
  const problems = validate(pkg, lineOf);
  const template = getTemplate(pkg.meta.template);
  if (!template)
    problems.push({
      file: metaFile(pkg),
      line: lineOf("template"),
      field: "template",
      severity: "error",
      message: `未知的模板“${pkg.meta.template}”；可用：xinjiang-2025-budget`,
    });
  if (catalog.year !== undefined && catalog.year !== pkg.meta.year)
    problems.push({
      file: metaFile(pkg),
      line: lineOf("year"),
      field: "year",
      severity: "warning",
      message: `分类目录是 ${catalog.year} 年的，预算年度是 ${pkg.meta.year} 年；请用 --catalog 指定当年目录`,
    });
  if (!template || problems.some((p) => p.severity === "error")) return { problems };

  const m = pkg.meta;
  const items = pkg.items;
  const tpKeys = ["overseasTravel", "officialReception", "vehiclePurchase", "vehicleOperation"] as const;
  const tpTable: Record<string, { total: Fen; generalBudget: Fen; governmentFund: Fen; stateCapital: Fen }> = {};
  const tpText: Record<string, { total: Fen; prior: Fen; reason?: string | undefined }> = {};
  for (const k of tpKeys) {
    const a = metaYuan(m.threePublic[k].amount);
    const f = metaYuan(m.threePublic.governmentFund?.[k]);
    tpTable[k] = { total: a, generalBudget: a - f, governmentFund: f, stateCapital: 0 };
    tpText[k] = { total: a, prior: metaYuan(m.threePublic[k].prior), reason: m.threePublic[k].reason };
  }
  const sumTp = (keys: readonly string[]) => {
    const r = { total: 0, generalBudget: 0, governmentFund: 0, stateCapital: 0 };
    for (const k of keys) {
      const v = tpTable[k] as typeof r;
      r.total += v.total;
      r.generalBudget += v.generalBudget;
      r.governmentFund += v.governmentFund;
    }
    return r;
  };
  tpTable.officialVehicles = sumTp(["vehiclePurchase", "vehicleOperation"]);
  tpTable.total = sumTp(tpKeys);
  tpText.total = { total: tpTable.total.total, prior: tpKeys.reduce((s, k) => s + (tpText[k]?.prior ?? 0), 0) };

  const adminUnits = new Set(
    m.overview.units
      .filter((u) => u.kind === "administrative" || u.kind === "行政" || u.civilServiceManaged)
      .map((u) => u.name),
  );
  const officeOperatingCost = {
    amount:
      m.officeOperatingCost.amount !== undefined
        ? metaYuan(m.officeOperatingCost.amount)
        : total(items, (it) => isGeneral(it) && it.basicKind === "operating" && adminUnits.has(it.unit)),
    prior: metaYuan(m.officeOperatingCost.prior),
    reason: m.officeOperatingCost.reason,
  };

  const tables = buildTables({ items, catalog, template, meta: m, threePublic: tpTable });
  const projects = projectDescriptions(pkg);
  const performance = buildPerformance(m, items);
  const { explanations, otherMatters } = buildExplanations({
    items,
    meta: m,
    catalog,
    threePublic: tpText,
    officeOperatingCost,
    projects,
    performanceCount: performance.filter((p) => p.kind === "project").length,
  });
  const disclosure: Disclosure = {
    schemaVersion: 1,
    meta: {
      kind: "budget",
      title: `${m.department}${m.year}年部门预算公开`,
      department: m.department,
      year: m.year,
      unit: "wanyuan",
      template: template.id,
      ...government(m.department, m.region),
      ...(m.publishedOn ? { publishedOn: m.publishedOn } : {}),
    },
    overview: buildOverview(m),
    toc: buildToc(
      m,
      tables.map((t) => t.title),
      explanations.map((e) => explanationTitle(e.no, m.department, m.year)),
    ),
    tables,
    facts: deriveFacts(tables, template),
    explanations,
    projects,
    otherMatters,
    performance,
    glossary: buildGlossary(m),
    provenance: { source: pkg.source, format: "package", problems: [] },
  };
  return { disclosure, problems };
}
