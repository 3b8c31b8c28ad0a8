/**
 * The province-level region of a department, from its name: "上海市普陀区财政局" → 上海,
 * "江苏省高级人民法院" → 江苏, "新疆巴州…" → 新疆, "中国共产党江苏省委员会办公厅" → 江苏.
 * Undefined when the name names no province (a national template's region is then used).
 */
const PROVINCES = [
  "北京",
  "天津",
  "河北",
  "山西",
  "内蒙古",
  "辽宁",
  "吉林",
  "黑龙江",
  "上海",
  "江苏",
  "浙江",
  "安徽",
  "福建",
  "江西",
  "山东",
  "河南",
  "湖北",
  "湖南",
  "广东",
  "广西",
  "海南",
  "重庆",
  "四川",
  "贵州",
  "云南",
  "西藏",
  "陕西",
  "甘肃",
  "青海",
  "宁夏",
  "新疆",
];

const PATTERN = new RegExp(`(${PROVINCES.join("|")})`);

export function regionOf(department: string): string | undefined {
  // The first province named wins: "中国共产党江苏省委员会" names 江苏 after a national prefix.
  return PATTERN.exec(department)?.[1];
}
