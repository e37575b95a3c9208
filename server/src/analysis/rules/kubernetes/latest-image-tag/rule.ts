import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { workloadsIn } from "../../../kubernetes/reliability/objects.ts";
import { imageOf, parseImage } from "../../../kubernetes/reliability/image.ts";

interface Data {
  image: string;
}

export default defineRule<Data>({
  id: "kubernetes/latest-image-tag",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A container image has no tag or the `latest` tag, and no digest.",
    why:
      "`latest`, which is also what a missing tag means, points at whatever was pushed last. Pods started on different days, or on different nodes, can run different builds; a rollback re-deploys the same tag and so does not bring the old build back; and nothing in the manifest says what is running. Pin a version tag or a digest. There is no quick-fix, because only you know which version you mean.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n",
    },
  },
  check({ document, report }) {
    for (const workload of workloadsIn(document)) {
      for (const { container } of containersOf(workload.podSpec)) {
        const image = imageOf(getNode(container, "image"));
        if (!image) continue;
        const { tag, digest } = parseImage(image.value);
        if (digest !== undefined || (tag !== undefined && tag !== "" && tag !== "latest")) continue;
        const what = tag === "latest" ? `uses the "latest" tag` : `has no tag, which means "latest"`;
        report({
          at: [image.range![0], image.range![1]],
          message: `Image "${image.value}" ${what}: what it runs changes whenever the tag is pushed, and a rollback cannot bring back the previous build. Pin a version or a digest.`,
          data: { image: image.value },
        });
      }
    }
  },
});
