/** What is wrong with a cron expression of `on.schedule`, or the shortest gap between its runs. */
export type CronResult = { error: string } | { minutesBetween: number };

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
] as const;

/** POSIX cron as GitHub reads it: five fields of numbers, names, ranges, steps and lists. */
export function parseCron(expression: string): CronResult {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return { error: `has ${fields.length} fields, but GitHub's cron takes 5 (minute, hour, day of month, month, day of week)` };
  const sets: Set<number>[] = [];
  for (let i = 0; i < 5; i++) {
    const spec = FIELDS[i]!;
    const values = new Set<number>();
    for (const part of fields[i]!.split(",")) {
      const match = /^(\*|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/.exec(part);
      if (!match) return { error: `has an invalid ${spec.name} field "${fields[i]}"` };
      const value = (text: string): number | undefined => {
        if (/^\d+$/.test(text)) return Number(text);
        const index = ("names" in spec ? (spec.names as readonly string[]) : []).indexOf(text.toUpperCase());
        return index < 0 ? undefined : index + spec.min;
      };
      let from: number = spec.min;
      let to: number = spec.max;
      if (match[1] !== "*") {
        const start = value(match[2]!);
        const end = match[3] !== undefined ? value(match[3]) : start;
        if (start === undefined || end === undefined) return { error: `has an invalid ${spec.name} "${part}"` };
        const max = spec.name === "day of week" ? 7 : spec.max;
        if (start < spec.min || end > max || start > end) return { error: `has ${spec.name} "${part}" outside ${spec.min}-${spec.max}` };
        from = start;
        to = match[3] !== undefined || match[4] !== undefined ? end : start;
        if (match[4] !== undefined && match[3] === undefined) to = spec.max;
      }
      const step = match[4] !== undefined ? Number(match[4]) : 1;
      if (step === 0) return { error: `has a step of 0 in its ${spec.name} field` };
      for (let v = from; v <= to; v += step) values.add(v);
    }
    sets.push(values);
  }
  // Runs within a day; the day fields only thin them out, so the tightest spacing is here.
  const times = [...sets[1]!].flatMap((hour) => [...sets[0]!].map((minute) => hour * 60 + minute)).sort((a, b) => a - b);
  let gap = 24 * 60;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!);
  if (times.length > 1) gap = Math.min(gap, times[0]! + 24 * 60 - times[times.length - 1]!);
  return { minutesBetween: gap };
}
