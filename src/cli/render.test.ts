import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { InputError } from "../errors.ts";
import { checkDataPackage } from "../render/datapackage-check.ts";
import { sampleDisclosure } from "../render/testing.ts";
import { main } from "./main.ts";
import { outputName, parseFormats } from "./render.ts";

const dir = mkdtempSync(join(tmpdir(), "yusuan-cli-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("yusuan render", () => {
  it("parses --to and rejects unknown formats as input errors", () => {
    expect(parseFormats("html, PDF,html")).toEqual(["html", "pdf"]);
    expect(() => parseFormats("html,docx")).toThrow(InputError);
    expect(outputName("a/b/bazhou-2025.txt")).toBe("bazhou-2025");
  });

  it("writes the requested outputs named after the input, exit 0; unknown format exit 2", async () => {
    const input = join(dir, "sample.json");
    writeFileSync(input, JSON.stringify(sampleDisclosure({ hostile: true })));
    const out = join(dir, "out");
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["node", "yusuan", "render", input, "--to", "html,csv,json,datapackage,xlsx", "-o", out])).toBe(
        0,
      );
      expect(existsSync(join(out, "sample.html"))).toBe(true);
      expect(existsSync(join(out, "sample-assets"))).toBe(true);
      expect(existsSync(join(out, "sample.xlsx"))).toBe(true);
      expect(existsSync(join(out, "sample-csv", "03-expenditure.csv"))).toBe(true);
      const dp = join(out, "sample-datapackage");
      expect(
        checkDataPackage(JSON.parse(readFileSync(join(dp, "datapackage.json"), "utf8")), {
          "facts.csv": readFileSync(join(dp, "facts.csv"), "utf8"),
        }),
      ).toEqual([]);
      expect(JSON.parse(readFileSync(join(out, "sample.json"), "utf8")).meta.year).toBe(2025);
      process.exitCode = undefined;
      expect(await main(["node", "yusuan", "render", input, "--to", "docx", "-o", out])).toBe(2);
      expect(await main(["node", "yusuan", "render", join(dir, "missing.txt"), "--to", "json", "-o", out])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  });
});
