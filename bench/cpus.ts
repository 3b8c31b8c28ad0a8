import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The cores this process may run on (Cpus_allowed_list of /proc/self/status), in order. */
export function allowedCpus(): number[] {
  try {
    const list = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? "";
    return list.split(",").flatMap((part) => {
      const [a, b] = part.split("-").map(Number) as [number, number | undefined];
      return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
    });
  } catch {
    return [];
  }
}

/** True when `n` of those cores exist and taskset can pin a process to one. */
export function canPin(allowed: number[], n: number): boolean {
  return allowed.length >= n && spawnSync("taskset", ["-c", String(allowed[0]), "true"]).status === 0;
}
