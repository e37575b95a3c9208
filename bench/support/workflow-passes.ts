/**
 * One tool's side of the workflow throughput figure, in a Node process of its own:
 * `workflow-passes.ts <shipshape|peer> <module> <files.json> <warm-up passes> <passes>`.
 * Each tool gets a fresh process so that neither pays to collect the other's garbage or
 * shares its heap; within it, every file is checked in turn, as `shipshape check` would.
 * Prints one JSON line: files per second of each measured pass by CPU time and by wall clock,
 * and the findings of the last pass.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [tool, modulePath, filesPath, warmup, passes] = process.argv.slice(2);
const files = JSON.parse(readFileSync(filesPath!, "utf8")) as { path: string; text: string }[];

async function main(): Promise<void> {
  const check = tool === "shipshape" ? shipshape(modulePath!) : peer(modulePath!);
  for (let pass = 0; pass < Number(warmup); pass++) await check();
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  let findings = 0;
  for (let pass = 0; pass < Number(passes); pass++) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    findings = await check();
    const used = process.cpuUsage(cpu);
    cpuRates.push(files.length / ((used.user + used.system) / 1e6));
    wallRates.push(files.length / ((performance.now() - wall) / 1000));
  }
  console.log(JSON.stringify({ cpuRates, wallRates, findings }));
}

function shipshape(bundle: string): () => Promise<number> {
  const { analyzeFile } = require(bundle) as { analyzeFile(file: { path: string; text: string }): unknown[] };
  return async () => {
    let findings = 0;
    for (const file of files) findings += analyzeFile(file).length;
    return findings;
  };
}

function peer(entry: string): () => Promise<number> {
  const { runLint } = require(entry) as { runLint(text: string, path: string): Promise<unknown[]> };
  return async () => {
    let findings = 0;
    for (const file of files) findings += (await runLint(file.text, file.path)).length;
    return findings;
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
