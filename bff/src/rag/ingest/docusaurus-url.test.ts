import { describe, expect, it } from 'vitest';
import { docSlug, docUrl, stripNumberPrefix } from './docusaurus-url.js';

describe('stripNumberPrefix', () => {
  it.each([
    ['01-intro', 'intro'],
    ['1_intro', 'intro'],
    ['01.intro', 'intro'],
    ['001 - My Doc', 'My Doc'],
    ['10--intro', 'intro'],
    ['intro', 'intro'],
    ['a1-intro', 'a1-intro'],
    ['intro-01', 'intro-01'],
    // Dates and versions are names, not ordering prefixes (Docusaurus issues 4640, 4653).
    ['2021-11-notes', '2021-11-notes'],
    ['7.0-release', '7.0-release'],
    ['1.2.3-foo', '1.2.3-foo'],
    // Nothing left after the separator: not a prefix.
    ['01-', '01-'],
    ['01', '01'],
  ])('when the name is %j, then it becomes %j', (name, expected) => {
    expect(stripNumberPrefix(name)).toBe(expected);
  });
});

describe('docSlug', () => {
  it.each<[string, Record<string, unknown>, string]>([
    // plain files and number prefixes on files and folders
    ['intro.md', {}, '/intro'],
    ['01-intro.md', {}, '/intro'],
    ['guide/01-setup.mdx', {}, '/guide/setup'],
    ['02-guide/1_setup.md', {}, '/guide/setup'],
    ['02-guide/03.advanced/01-tuning.md', {}, '/guide/advanced/tuning'],
    ['2021-11-notes/intro.md', {}, '/2021-11-notes/intro'],
    // index pages: index, README (any case) and a file named like its folder
    ['index.md', {}, '/'],
    ['README.md', {}, '/'],
    ['guide/index.md', {}, '/guide/'],
    ['guide/readme.mdx', {}, '/guide/'],
    ['01-guide/index.md', {}, '/guide/'],
    ['guide/guide.md', {}, '/guide/'],
    ['guide/Guide.md', {}, '/guide/'],
    ['01-guide/01-guide.md', {}, '/guide/'],
    // Docusaurus compares the folder and file names as written, so differing prefixes do not match.
    ['01-guide/guide.md', {}, '/guide/guide'],
    // front matter id replaces the file name part (prefix and all)
    ['guide/01-setup.md', { id: 'install' }, '/guide/install'],
    ['01-guide/02-setup.md', { id: 'install' }, '/guide/install'],
    ['guide/index.md', { id: 'overview' }, '/guide/'],
    // absolute slug: relative to the docs root, wins over everything
    ['guide/01-setup.md', { slug: '/start' }, '/start'],
    ['guide/index.md', { slug: '/' }, '/'],
    ['index.md', { slug: '/welcome' }, '/welcome'],
    ['guide/setup.md', { slug: '/a/b/' }, '/a/b/'],
    ['guide/setup.md', { slug: '/start', id: 'ignored' }, '/start'],
    // relative slug: resolved against the (prefix-stripped) folder
    ['01-guide/setup.md', { slug: 'begin' }, '/guide/begin'],
    ['guide/setup.md', { slug: 'deeper/begin' }, '/guide/deeper/begin'],
    ['guide/setup.md', { slug: '../elsewhere' }, '/elsewhere'],
    ['guide/setup.md', { slug: '../../../top' }, '/top'],
    ['guide/index.md', { slug: 'home' }, '/guide/home'],
    ['setup.md', { slug: 'begin' }, '/begin'],
    // front matter that is not a usable string is ignored
    ['guide/01-setup.md', { slug: 42, id: '' }, '/guide/setup'],
    ['guide/01-setup.md', { slug: '' }, '/guide/setup'],
  ])('when %s has front matter %j, then the slug is %s', (sourcePath, frontMatter, expected) => {
    expect(docSlug(sourcePath, frontMatter)).toBe(expected);
  });
});

describe('docUrl', () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    ['http://localhost:3000/', 'intro.md', {}, 'http://localhost:3000/intro'],
    ['http://localhost:3000', 'intro.md', {}, 'http://localhost:3000/intro'],
    ['http://localhost:3000/', 'index.md', {}, 'http://localhost:3000/'],
    ['https://book.example.org/docs/', 'index.md', {}, 'https://book.example.org/docs/'],
    ['https://book.example.org/docs/', '01-part/02-page.md', {}, 'https://book.example.org/docs/part/page'],
    ['https://book.example.org/docs', '01-part/index.md', {}, 'https://book.example.org/docs/part/'],
    [
      'https://book.example.org/docs/',
      'x.md',
      { slug: '/control/pid' },
      'https://book.example.org/docs/control/pid',
    ],
    [
      'https://book.example.org/docs/',
      'my notes/a b.md',
      {},
      'https://book.example.org/docs/my%20notes/a%20b',
    ],
  ])('when the base is %s and the page %s (%j), then the URL is %s', (base, sourcePath, fm, expected) => {
    expect(docUrl(base, sourcePath, fm)).toBe(expected);
  });
});
