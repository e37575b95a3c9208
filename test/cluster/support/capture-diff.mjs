#!/usr/bin/env node
// A KUBECTL_EXTERNAL_DIFF program: kubectl calls it with its LIVE and MERGED folders. It copies both
// into $SHIPSHAPE_DIFF_CAPTURE/{live,merged} and exits like diff: 0 when equal, 1 when they differ.
import { cpSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [live, merged] = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const out = process.env.SHIPSHAPE_DIFF_CAPTURE;
if (!live || !merged || !out) process.exit(2);
cpSync(live, join(out, "live"), { recursive: true });
cpSync(merged, join(out, "merged"), { recursive: true });
const names = new Set([...readdirSync(live), ...readdirSync(merged)]);
const read = (dir, name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : undefined);
process.exit([...names].some((name) => read(live, name) !== read(merged, name)) ? 1 : 0);
