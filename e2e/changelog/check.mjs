// The first changelog reads as a first release: the CHANGELOG.md inside every packed
// tarball (what `changeset version` wrote, as users will read it on the registry) has one
// version section with one entry saying "First release", no "Patch Changes" about fixes to
// behaviour never published, and no "Updated dependencies" lines. See .changeset/README.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec, tarballs } from '../lib.mjs';

const packed = tarballs();

test('every public package is packed', () => {
  assert.ok(Object.keys(packed).length >= 8, Object.keys(packed).join(', '));
});

for (const [name, { version, tarball }] of Object.entries(packed)) {
  test(`${name}: CHANGELOG.md reads as its first release`, { timeout: 60_000 }, async () => {
    const changelog = await exec('tar', ['-xOzf', tarball, 'package/CHANGELOG.md']);
    assert.equal(changelog.split('\n')[0], `# ${name}`);
    const sections = changelog.match(/^## .*$/gm) ?? [];
    assert.deepEqual(sections, [`## ${version}`], 'one version section');
    const entries = changelog.match(/^- .*$/gm) ?? [];
    assert.equal(entries.length, 1, `one entry, got:\n${entries.join('\n')}`);
    assert.match(entries[0], /^- First release\. \S/);
    assert.doesNotMatch(changelog, /Patch Changes/);
    assert.doesNotMatch(changelog, /Updated dependencies/i);
    // Bare dependency bump lines ("  - @livedata/core@0.1.0") are what the default generator writes.
    assert.doesNotMatch(changelog, /^\s*- @livedata\/[\w-]+@\d/m);
  });
}
