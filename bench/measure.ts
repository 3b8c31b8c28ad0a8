/** What the benchmark programs share: the cores they may pin to, CPU time from /proc, medians. */
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

/**
 * CPU seconds from /proc/PID/stat (`self` for this process): user + system, and with `children` also
 * those of its finished children (fields 14–17 of stat: utime stime cutime cstime, in ticks of 1/100 s).
 * NaN where /proc cannot be read.
 */
export function cpuSeconds(pid: number | "self" = "self", children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
    return (children ? [11, 12, 13, 14] : [11, 12]).reduce((n, i) => n + Number(rest[i] ?? 0), 0) / 100;
  } catch {
    return Number.NaN;
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 === 1 ? (s[Math.floor(m)] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
