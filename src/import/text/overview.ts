/**
 * 第一部分 部门概况: 主要职能 items, 内设科室, budget units with 行政/事业 kind, staffing.
 * Sentences are matched on whitespace-free NFKC text because the extractor puts spaces around
 * numbers ("下设 12 个科室", "在职 110 人").
 */
import type { BudgetUnit, Overview } from "../../model/disclosure.ts";
import { joinText, type Line, norm, type Problems, type Range, stripBullet, stripEnum } from "./lines.ts";

const ITEM = /^[（(][一二三四五六七八九十]+[)）]/;
const HEADING = /^[一二三四五六七八九十]+、/;
/** "（1）办公室协助院领导…", "（17）执行局执行本院…": a 内设机构's name, then its duties */
const DIVISION_DUTY =
  /^[（(]\d+[)）]([^，,。：:；;]{1,14}?(?:室|处|庭|局|委|队|科|中心))(?=负责|协助|依法|复查|执行|承担|宣传|赔偿|主要|组织|指导|承办|办理|管理|审理|审判)/;
const NUMBERED = /^\d{1,2}[、.．](?!\d)/;

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
const signed = (dir: string | undefined, n: string | undefined): number | undefined =>
  n === undefined ? undefined : dir === "减少" ? -Number(n) : Number(n);

/** 行政 for organs of government, 事业 for 中心/院/所/站 … (as 概况 counts them). */
function unitKind(name: string): BudgetUnit["kind"] {
  if (/(局|厅|委员会|委|办公室|办|部|署|政府|法院|检察院)$/.test(name)) return "administrative";
  if (/(中心|院|所|站|队|馆|学校|校|社|场|台)$/.test(name)) return "institution";
  return "unknown";
}

export function parseOverview(lines: readonly Line[], r: Range | undefined, problems: Problems): Overview {
  const ov: Overview = { functions: [], divisions: [], budgetUnits: [], staffing: {}, text: "" };
  if (!r) return ov;
  ov.text = joinText(lines, r);
  let mode: "none" | "functions" | "units" = "none";
  let lastFunctionOpen = false;
  // Jiangsu 2017: 主要职能 as "1、…" items or as prose, and 机构设置 as prose (read at the end)
  let numberedFunctions = false;
  const functionProse: string[] = [];
  let inStructure = false;
  const structure: string[] = [];
  let unitList: "units" | "divisions" = "units";
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.key) continue;
    const t = stripBullet(l.text);
    const k = t === l.text ? l.key : norm(t); // (the key already made, when there was no bullet)
    // "一、主要职能", or an unnumbered heading "上海市普陀区财政局主要职能"
    if (HEADING.test(k) || (k.length <= 40 && /(?:主要职能|机构设置)$/.test(k))) {
      mode = /主要职能|主要职责/.test(k) ? "functions" : "none";
      inStructure = k.includes("机构设置");
      continue;
    }
    if (inStructure) structure.push(k);
    if (mode === "functions") {
      if (!ITEM.test(k)) functionProse.push(t);
      // "1、依法审判…" (Jiangsu), where no "（一）" item came first
      if (NUMBERED.test(k) && (numberedFunctions || ov.functions.length === 0)) {
        numberedFunctions = true;
        ov.functions.push(stripEnum(t));
        lastFunctionOpen = !/[。；]$/.test(t);
      } else if (ITEM.test(k) && !numberedFunctions) {
        ov.functions.push(stripEnum(t));
        lastFunctionOpen = !/[。；]$/.test(t);
      } else if (lastFunctionOpen && ov.functions.length > 0) {
        // "（五）…实施意见，" wraps onto the next line.
        ov.functions[ov.functions.length - 1] += t;
        lastFunctionOpen = !/[。；]$/.test(t);
      }
      continue;
    }
    const divisions = /下设(\d+)个(?:科室|处室|内设机构|机构)[^:：]*[:：](.+)$/.exec(k);
    if (divisions) {
      ov.divisionCount = Number(divisions[1]);
      const list = t.slice(t.search(/[:：]/) + 1).replace(/[。.]$/, "");
      ov.divisions = list
        .split(/[、，,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (ov.divisions.length !== ov.divisionCount)
        problems.warn(
          "overview.divisions",
          `内设科室列出 ${ov.divisions.length} 个，文中称 ${ov.divisionCount} 个`,
          l.no,
        );
    }
    const below = /下属(\d+)家(?:预算)?单位/.exec(k);
    if (below) ov.budgetUnitCount = Number(below[1]);
    const adm = /行政单位(\d+)家/.exec(k);
    if (adm) ov.administrativeUnits = Number(adm[1]);
    const ins = /事业单位(\d+)家/.exec(k);
    if (ins) ov.institutionUnits = Number(ins[1]);
    // "…预算单位包括：" (Xinjiang), "…事业单位0家，具体包括：" (Shanghai)
    // "…决算编制范围的单位包括：" (决算), then a small 序号/单位名称/备注 table
    if (/(?:预算单位|具体|范围的单位)包括[:：]?$/.test(k)) {
      mode = "units";
      continue;
    }
    if (mode === "units" && /^序号单位名称/.test(k)) continue;
    // "（一）机关内设机构 1.办公室 …（二）下属事业单位 1.…" (Jiangsu 省检察院)
    if (mode === "units" && ITEM.test(k)) {
      unitList = k.includes("内设机构") ? "divisions" : "units";
      continue;
    }
    if (mode === "units" && /^\d+[、.．]/.test(k)) {
      if (unitList === "divisions") ov.divisions.push(stripEnum(t));
      else ov.budgetUnits.push({ name: stripEnum(t), kind: "unknown" });
      continue;
    }
    // "（1）办公室   协助院领导…" (Jiangsu 省法院; the prose has lost the spaces): a 内设机构 and its duties
    const division = inStructure ? DIVISION_DUTY.exec(k) : null;
    if (division) {
      ov.divisions.push(division[1] as string);
      continue;
    }
    // a 序号 column: "1 上海市普陀区财政局（本级）", "2 …财政所 预算不单列，并入本级"
    const numbered = mode === "units" ? /^\d{1,2}(?=[^\d、.．])(\S+)/.exec(k) : null;
    if (numbered) {
      ov.budgetUnits.push({ name: numbered[1] as string, kind: "unknown" });
      continue;
    }
    if (k.includes("编制数") || k.includes("实有人数")) {
      mode = "none";
      const st = ov.staffing;
      st.authorized = num(/编制数(?:为)?(\d+)/.exec(k)?.[1]);
      st.actual = num(/实有人数(?:为)?(\d+)/.exec(k)?.[1]);
      const act = /在职(\d+)人[,，]?(?:(增加|减少)(\d+)人)?/.exec(k);
      st.active = num(act?.[1]);
      st.activeChange = signed(act?.[2], act?.[3]);
      const ret = /退休(\d+)人[,，]?(?:(增加|减少)(\d+)人)?/.exec(k.replace(/离退休/g, ""));
      st.retired = num(ret?.[1]);
      st.retiredChange = signed(ret?.[2], ret?.[3]);
      const lx = /离休(\d+)人[,，]?(?:(增加|减少)(\d+)人)?/.exec(k);
      st.lixiu = num(lx?.[1]);
      st.lixiuChange = signed(lx?.[2], lx?.[3]);
      for (const key of Object.keys(st) as (keyof typeof st)[]) if (st[key] === undefined) delete st[key];
    }
  }
  // 主要职能 written as prose, without items (Jiangsu 省政协)
  const prose = functionProse.join("").trim();
  if (ov.functions.length === 0 && prose.length > 20) ov.functions.push(prose);
  structureProse(ov, structure.join(""));
  assignKinds(ov);
  if (ov.functions.length === 0) problems.warn("overview.functions", "部门概况中没有找到“主要职能”条目");
  if (ov.staffing.actual === undefined)
    problems.warn("overview.staffing", "部门概况中没有找到人员情况（编制数、实有人数）");
  return ov;
}

/**
 * 机构设置 in prose (Jiangsu 2017), read only for what the lines did not give:
 * "内设机构：秘书处、…、机关文印中心等20个处室和省委机要局", "现有处室21个", "现有38个处室";
 * "本部门纳入本年预算的下属单位如下：徐州铁路运输法院，…", "部门预算数据仅包含厅机关本级",
 * "本部门预算只包含办公厅本级和江苏省政协联谊俱乐部在职7名人员…", "预算包含了信息中心、培训中心等4个…".
 */
function structureProse(ov: Overview, k: string): void {
  if (!k) return;
  if (ov.divisions.length === 0 && ov.divisionCount === undefined) {
    const listed = /内设机构[:：]([^。；;]+?)等(\d+)个(?:处室|内设机构|机构)/.exec(k);
    if (listed) {
      ov.divisions = (listed[1] as string).split("、").filter(Boolean);
      ov.divisionCount = Number(listed[2]);
    } else {
      const count = /现有(?:处室(\d+)个|(\d+)个处室)/.exec(k);
      if (count) ov.divisionCount = Number(count[1] ?? count[2]);
    }
  }
  if (ov.budgetUnits.length > 0) return;
  const m =
    /纳入本年度?(?:部门)?预算的(?:下属|所属)?单位(?:如下|有|包括|为)?[:：]([^，,。；;]+)/.exec(k) ??
    /预算(?:数据)?(?:只|仅)?包含了?(.+?)(?:等\d+个|在职|的收支|[，,。；;])/.exec(k);
  if (!m) return;
  for (const name of (m[1] as string).split(/[、和]/)) if (name) ov.budgetUnits.push({ name, kind: "unknown" });
}

/**
 * Kinds from names, kept only when they agree with the stated 行政/事业 counts; otherwise a name
 * alone is not trusted (a 局 can be a 事业单位) and the kind stays unknown.
 */
function assignKinds(ov: Overview): void {
  const kinds = ov.budgetUnits.map((u) => unitKind(u.name));
  const adm = kinds.filter((k) => k === "administrative").length;
  const ins = kinds.filter((k) => k === "institution").length;
  const agrees =
    (ov.administrativeUnits === undefined || ov.administrativeUnits === adm) &&
    (ov.institutionUnits === undefined || ov.institutionUnits === ins);
  if (!agrees) return;
  ov.budgetUnits.forEach((u, i) => {
    u.kind = kinds[i] as BudgetUnit["kind"];
  });
}
