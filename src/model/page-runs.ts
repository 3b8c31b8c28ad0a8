/**
 * Page numbers as printed in a message: consecutive pages joined into a run.
 * @example pageRuns([3, 15, 16, 17]) // "3、15–17"
 */
export function pageRuns(nos: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < nos.length; ) {
    let j = i;
    while (j + 1 < nos.length && (nos[j + 1] as number) === (nos[j] as number) + 1) j++;
    runs.push(j === i ? String(nos[i]) : `${nos[i]}–${nos[j]}`);
    i = j + 1;
  }
  return runs.join("、");
}

/**
 * Pages read as pictures, as every message says it.
 * @example picturedPages([20, 21]) // "第 20–21 页印成图像（扫描件或截图）"
 */
export function picturedPages(nos: readonly number[]): string {
  return `第 ${pageRuns(nos)} 页印成图像（扫描件或截图）`;
}
