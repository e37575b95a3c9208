/**
 * Expression paths an outsider controls: a pull request's title or branch name, an issue's
 * body, a commit message. Written into a script, they run as code. Hand-curated from GitHub's
 * security hardening guide (2026-12), as patterns over the whole reference.
 */
const UNTRUSTED = [
  /^github\.head_ref$/,
  /^github\.event\.(issue|pull_request|discussion)\.(title|body)$/,
  /^github\.event\.(comment|review|review_comment)\.body$/,
  /^github\.event\.pages\.[^.]+\.page_name$/,
  /^github\.event\.(commits\.[^.]+|head_commit)\.(message|author\.(email|name)|committer\.(email|name))$/,
  /^github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)$/,
  /^github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name)))$/,
  /^github\.event\.workflow_run\.pull_requests\.[^.]+\.head\.ref$/,
];

/** The untrusted paths read in an expression body, as written (`github.event.commits[0].message`). */
export function untrustedPathsIn(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(/\bgithub(?:\.[A-Za-z_][\w-]*|\.\*|\[[^\]]*\])+/g)) {
    const normalized = match[0].replace(/\[['"]?([^\]'"]*)['"]?\]/g, ".$1").toLowerCase();
    if (UNTRUSTED.some((pattern) => pattern.test(normalized))) found.push(match[0]);
  }
  return found;
}
