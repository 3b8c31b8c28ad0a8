import type { TemplateSpec } from "./spec.ts";
import { xinjiang2025Budget } from "./xinjiang-2025-budget.ts";

export * from "./spec.ts";
export { xinjiang2025Budget };

/** All known template specs by id. */
export const TEMPLATES: ReadonlyMap<string, TemplateSpec> = new Map([[xinjiang2025Budget.id, xinjiang2025Budget]]);

export function getTemplate(id: string): TemplateSpec | undefined {
  return TEMPLATES.get(id);
}
