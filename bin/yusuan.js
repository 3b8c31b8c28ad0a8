#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's loader, so `npx yusuan` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
