/**
 * The national minimum of a 部门预算公开 (财预〔2016〕143号), checked on documents of any region:
 * a table or a part of the 说明 is missing only when no variant of it is anywhere in the document —
 * under another title or number, as a section of its own or a sentence inside another, or as an
 * explanation that the table is empty ("本部门无政府性基金预算拨款安排的支出", "本表无数据"). What a
 * region adds on top (a table of 项目, a 说明 sub-section per 项) is the regional templates' business.
 */
import { isEmptyTable, tableById } from "../../../model/access.ts";
import type { Disclosure } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { hasTableOrStandIn } from "../../../templates/vocabulary.ts";
import { defineRule, type Rule } from "../../rule.ts";

/** Everything printed in the document as text: 目录, 概况, 说明, 名词解释, table titles and notes. */
export function documentText(d: Disclosure): string {
  const parts = [
    d.toc.join("\n"),
    d.overview.text,
    ...d.explanations.map((e) => `${e.title}\n${e.text}`),
    ...d.glossary.map((g) => `${g.term}：${g.definition}`),
    ...d.tables.map((t) => `${t.title}\n${t.emptyNote ?? ""}`),
  ];
  return parts.join("\n").replace(/\s+/g, "");
}

/** The prose was read (not a tables-only half of a two-file document) and is more than a few lines. */
function proseRead(d: Disclosure): boolean {
  const parts = d.provenance.parts;
  if (parts && !parts.includes("text")) return false;
  // (a tables-only half of a two-file document has a few captions, not a 说明)
  const chars = d.explanations.reduce((n, e) => n + e.text.length, 0) + d.overview.text.length;
  if (chars < 1000 || d.explanations.filter((e) => e.text.length > 0).length < 3) return false;
  // (captions of 绩效目标表 in a tables-only file are text, not a 说明)
  return /情况说明|预算说明|编制说明|部门概况|单位概况|基本情况|主要职能|主要职责|部门职责/.test(documentText(d));
}

const NOT_READ = "没有读取到说明文字（表格与说明分两份文件公开时，请把两份文件一起导入）";

interface Subject {
  id: string;
  what: string;
  /** words that show the subject is there, in any region's wording */
  words: RegExp;
  source: string;
  /** a requirement phased in (国有资产 "逐步公开"; 绩效目标 with 预算绩效管理 from 2018): a warning before */
  errorFrom?: number;
}

const SUBJECTS: readonly Subject[] = [
  { id: "N-01", what: "部门主要职能（职责）", words: /职能|职责|主要任务/, source: "财预〔2016〕143号：部门职责" },
  {
    id: "N-02",
    what: "机构设置（内设机构、所属单位）",
    words: /机构设置|内设机构|内设处室|所属单位|下属单位|预算单位|单位构成|部门构成|预算构成|机构情况|编制范围/,
    source: "财预〔2016〕143号：机构设置",
  },
  {
    id: "N-03",
    what: "收支预算总体情况的说明",
    words: /收支(?:预算)?总体情况|收支总预算|收支预算总计|收入预算(?:总计|合计)?[\d,.]+万?元|收支总表|总体情况说明/,
    source: "财预〔2016〕143号：对部门收支总体情况作出说明",
  },
  { id: "N-04", what: "“三公”经费预算情况的说明", words: /三公/, source: "财预〔2016〕143号：“三公”经费" },
  {
    id: "N-05",
    what: "机关运行经费情况",
    words: /机关运行经费|运行经费|行政经费/,
    source: "《预算法》第十四条；财预〔2016〕143号：机关运行经费",
  },
  { id: "N-06", what: "政府采购情况", words: /政府采购/, source: "财预〔2016〕143号：政府采购" },
  {
    id: "N-07",
    what: "国有资产占有使用情况",
    words: /国有资产|资产占有|资产占用|车辆|房屋/,
    source: "财预〔2016〕143号：国有资产占用情况（逐步公开）",
    errorFrom: Number.POSITIVE_INFINITY,
  },
  {
    id: "N-08",
    what: "预算绩效（绩效目标）情况",
    words: /绩效/,
    source: "财预〔2016〕143号：重点项目预算的绩效目标；《关于全面实施预算绩效管理的意见》（2018）",
    errorFrom: 2019,
  },
  {
    id: "N-09",
    what: "名词解释",
    words: /名词解释|名词说明|专业名词|名称解释|术语解释|名词释义/,
    source: "财预〔2016〕143号：对专业性较强的名词进行解释",
  },
];

function subjectRule(s: Subject): Rule {
  return defineRule({
    id: s.id,
    severity: "error",
    category: "completeness",
    title: `公开内容齐全（全国最低要求）：${s.what}`,
    source: s.source,
    general: true,
    run: ({ d, template }) => {
      if (!template.national) return { notChecked: `地区模板 ${template.id} 的说明部分由 C-18 … C-32 按其结构检查` };
      if (!proseRead(d)) return { notChecked: NOT_READ };
      if (s.words.test(documentText(d))) return [];
      return [
        {
          rule: s.id,
          severity: d.meta.year >= (s.errorFrom ?? 0) ? "error" : "warning",
          message: `文档中没有找到${s.what}（目录、概况、说明和名词解释中都没有相关内容）`,
          location: { part: "部门预算情况说明" },
        },
      ];
    },
  });
}

export const NATIONAL_SUBJECT_RULES: readonly Rule[] = SUBJECTS.map(subjectRule);

/** "…政府性基金支出预算支出 0 万元": its expenditure stated as nil (as the non-national rule accepts) */
const ZERO_SPENT = String.raw`支出[^。；\d]{0,10}(?<![\d.,])0(?:\.0+)?\s*(?:万元|元)`;
/** Words by which a document says a table's content is nil, where the table is not printed. */
const NIL: Readonly<Record<string, RegExp>> = {
  governmentFundExpenditure: new RegExp(
    `(?:无|没有|未安排|不涉及)[^。；]{0,20}政府性基金|政府性基金[^。；]{0,30}(?:为0|为零|为空|无|没有|不涉及|空表)|政府性基金[^。；]{0,20}${ZERO_SPENT}`,
  ),
  stateCapitalExpenditure: new RegExp(
    `(?:无|没有|未安排|不涉及)[^。；]{0,20}国有资本经营|国有资本经营[^。；]{0,30}(?:为0|为零|为空|无|没有|不涉及|空表)|国有资本经营[^。；]{0,20}${ZERO_SPENT}`,
  ),
  threePublic: /三公[^。；]{0,30}(?:为0|为零|无|没有)/,
};

/**
 * For the table presence rules (C-05 … C-13) on a national document: whether the table, or a
 * variant of it, is printed; a finding only when none is and the text does not say it is nil.
 */
export function nationalTablePresence(
  d: Disclosure,
  tableId: string,
  rule: string,
  no: number,
  name: string,
): Finding[] {
  if (hasTableOrStandIn(new Set(d.tables.map((t) => t.id)), tableId)) return [];
  const text = documentText(d);
  const nil = NIL[tableId];
  if (nil?.test(text)) {
    return [
      {
        rule,
        severity: "warning",
        message: `没有公开${name}；说明中称该项没有数据——按规定仍应公开空表并说明`,
        location: { part: "部门预算公开表" },
      },
    ];
  }
  const listed = d.toc.some((e) => e.replace(/\s+/g, "").includes(name.replace(/^部门|表$/g, "")));
  return [
    {
      rule,
      severity: listed ? "warning" : "error",
      message: listed
        ? `目录列出了${name}，但正文中没有读到这张表（可能版式无法识别，请人工核对）`
        : `缺少${name}（正文、目录和说明中都没有这张表或其他形式的同一内容）`,
      location: { part: "部门预算公开表", table: no },
    },
  ];
}

/** An empty table's explanation in a national document: at the table, or anywhere in the text. */
export function nationalEmptyNote(d: Disclosure, tableId: string): boolean {
  const t = tableById(d, tableId);
  if (!t || !isEmptyTable(t)) return true;
  if (t.emptyNote?.trim()) return true;
  return (NIL[tableId] ?? /空表|无数据|本表无/).test(documentText(d));
}
