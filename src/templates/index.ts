import { jiangsu2017Budget } from "./jiangsu-2017-budget.ts";
import { nationalFinalAccounts } from "./national-final-accounts.ts";
import { shanghaiDepartmentBudget, shanghaiUnitBudget } from "./shanghai-budget.ts";
import type { TemplateSpec } from "./spec.ts";
import { xinjiang2025Budget } from "./xinjiang-2025-budget.ts";

export * from "./spec.ts";
export { jiangsu2017Budget, nationalFinalAccounts, shanghaiDepartmentBudget, shanghaiUnitBudget, xinjiang2025Budget };

/** All known template specs by id. */
export const TEMPLATES: ReadonlyMap<string, TemplateSpec> = new Map([
  [xinjiang2025Budget.id, xinjiang2025Budget],
  [shanghaiDepartmentBudget.id, shanghaiDepartmentBudget],
  [shanghaiUnitBudget.id, shanghaiUnitBudget],
  [jiangsu2017Budget.id, jiangsu2017Budget],
  [nationalFinalAccounts.id, nationalFinalAccounts],
]);

export function getTemplate(id: string): TemplateSpec | undefined {
  return TEMPLATES.get(id);
}
