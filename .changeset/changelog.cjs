// The changelog generator `changeset version` uses (see config.json): each changeset's
// summary as one entry, without the commit hash, and no "Updated dependencies" lines. All
// @livedata/* packages are one `fixed` group, so every release bumps every package and
// such lines would only repeat, in each changelog, that its siblings have the same version.
// CommonJS because changesets loads it with require().

/** One changelog entry: the summary's first line as a bullet, the rest indented under it. */
async function getReleaseLine(changeset) {
  const [first, ...rest] = changeset.summary.trim().split('\n');
  const more = rest.map((line) => (line.trim() ? `  ${line}` : '')).join('\n');
  return `- ${first}${more ? `\n${more}` : ''}`;
}

/** Nothing: the packages are released together, at one version. */
async function getDependencyReleaseLine() {
  return '';
}

module.exports = { getReleaseLine, getDependencyReleaseLine };
