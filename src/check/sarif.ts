/** SARIF 2.1.0 output, so findings show up in code-scanning tools. */
import type { Finding } from "../model/finding.ts";
import type { Rule } from "./rule.ts";

const LEVEL = { error: "error", warning: "warning", notice: "note" } as const;

export function toSarif(reports: { file: string; findings: readonly Finding[] }[], rules: readonly Rule[]): object {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "yusuan",
            informationUri: "https://example.invalid/yusuan",
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              properties: { category: r.category, source: r.source },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: reports.flatMap((rep) =>
          rep.findings.map((f) => ({
            ruleId: f.rule,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: rep.file } },
                logicalLocations: [
                  {
                    fullyQualifiedName: [
                      f.location.part,
                      f.location.table ? `表${f.location.table}` : undefined,
                      f.location.section,
                      f.location.row,
                      f.location.column,
                    ]
                      .filter(Boolean)
                      .join("/"),
                  },
                ],
              },
            ],
            properties: { expected: f.expected, actual: f.actual, difference: f.difference },
          })),
        ),
      },
    ],
  };
}
