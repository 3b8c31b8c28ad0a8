import { jiangsu2017Budget } from "./jiangsu-2017-budget.ts";
import { nationalBudget, nationalFinal } from "./national-budget.ts";
import { nationalFinalAccounts } from "./national-final-accounts.ts";
import { shanghaiDepartmentBudget, shanghaiUnitBudget } from "./shanghai-budget.ts";
import type { TemplateSpec } from "./spec.ts";
import { xinjiang2025Budget } from "./xinjiang-2025-budget.ts";

export * from "./spec.ts";
export {
  jiangsu2017Budget,
  nationalBudget,
  nationalFinal,
  nationalFinalAccounts,
  shanghaiDepartmentBudget,
  shanghaiUnitBudget,
  xinjiang2025Budget,
};

/** All known template specs by id. */
export const TEMPLATES: ReadonlyMap<string, TemplateSpec> = new Map([
  [xinjiang2025Budget.id, xinjiang2025Budget],
  [shanghaiDepartmentBudget.id, shanghaiDepartmentBudget],
  [shanghaiUnitBudget.id, shanghaiUnitBudget],
  [jiangsu2017Budget.id, jiangsu2017Budget],
  [nationalFinalAccounts.id, nationalFinalAccounts],
  [nationalBudget.id, nationalBudget],
  [nationalFinal.id, nationalFinal],
]);

/** Regional specs a document's titles can be matched against (the national one matches everything). */
export const REGIONAL_TEMPLATES: readonly TemplateSpec[] = [...TEMPLATES.values()].filter((t) => !t.national);

export function getTemplate(id: string): TemplateSpec | undefined {
  return TEMPLATES.get(id);
}
