/** The fixture scenarios under test/cluster/fixtures: live state, the local file, and what their diff must name. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(__dirname, "..", "fixtures");

export interface Scenario {
  name: string;
  live: string;
  local: string;
  expected: { resources: Record<string, string>; paths: string[] };
}

export function scenarios(): Scenario[] {
  return readdirSync(FIXTURES)
    .sort()
    .map((name) => ({
      name,
      live: join(FIXTURES, name, "live.yaml"),
      local: join(FIXTURES, name, "local.yaml"),
      expected: JSON.parse(readFileSync(join(FIXTURES, name, "expected.json"), "utf8")),
    }));
}
