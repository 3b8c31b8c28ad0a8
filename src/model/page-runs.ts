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
