export * from "./disclosure.ts";
export * from "./finding.ts";
export * from "./money.ts";
