import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXml } from '../../src/score/xml-tree.js';

test('xml reader: entities, CDATA, comments, DOCTYPE with subset, attributes in either quotes', () => {
  const root = parseXml(
    `\uFEFF<?xml version="1.0"?>\n<!DOCTYPE a [ <!ENTITY x "y"> ]>\n<!-- c -->\n<a k="1 &amp; 2" j='q"'><b>x &lt; y &#233;&#x4E2D;</b><c/><![CDATA[<raw>]]><!-- <b>not</b> --></a>`,
    'f.xml',
  );
  assert.equal(root.name, 'a');
  assert.deepEqual(root.attrs, { k: '1 & 2', j: 'q"' });
  assert.deepEqual(root.children.map((c) => c.name), ['b', 'c']);
  assert.equal(root.children[0].text, 'x < y é中');
  assert.equal(root.text, '<raw>');
});

test('xml reader: errors carry the line', () => {
  const where = (s: string) => {
    try {
      parseXml(s, 'f.xml');
    } catch (e) {
      return `${(e as { where?: string }).where}: ${(e as Error).message}`;
    }
    return 'ok';
  };
  assert.match(where('<a>\n<b>\n</a>'), /^line 3: .*expected <\/b> \(opened on line 2\)/);
  assert.match(where('<a>\n<b>'), /^line 2: .*<b> is never closed/);
  assert.match(where('<a/>\n<a/>'), /^line 2: .*second root/);
  assert.match(where('<a x=1/>'), /^line 1: .*bad attribute/);
  assert.match(where('<a><!-- x</a>'), /comment not closed/);
});
