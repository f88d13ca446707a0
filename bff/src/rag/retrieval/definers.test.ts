import { describe, expect, it } from 'vitest';
import { chunkPayload as payload } from '../../../test/support/chunks.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import type { ChunkPayload } from '../types.js';
import { definersOf } from './definers.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';

const embedder = new LocalEmbedder(128);
const chunk = (id: string, p: ChunkPayload) => ({ id, payload: p });

describe('definersOf', () => {
  it('when chunks state what terms are, then each term lists its defining chunks once, in index order, with the place of the definition; asides are left out', () => {
    const found = definersOf([
      chunk(
        'a',
        payload(
          'a.md',
          ['Widgets'],
          'Widgets draw controls. A widget is a small part of the screen that draws one control. A widget is also a unit of layout.',
        ),
      ),
      chunk(
        'b',
        payload('b.md', ['Glossary'], 'Widget: the smallest part of a screen that draws something.'),
      ),
      chunk('c', payload('c.md', ['Widgets', 'Summary'], 'A widget is a part of the screen.')),
      chunk('d', payload('d.md', ['Layout'], 'A layout manager is the object that places widgets.')),
      chunk('e', payload('e.md', ['Widgets', 'Tips'], 'Widgets are the hardest part to test.')),
    ]);
    expect(found.get('widget')).toEqual([
      { id: 'a', at: 2 },
      { id: 'b', at: 1 },
    ]);
    expect(found.get('layout manag')).toEqual([{ id: 'd', at: 1 }]);
  });

  it('when a section is headed by a term, then its opening chunk defines the term (at 0) by the whole heading, without and within its parenthetical, unless a sentence of it says what the term is', () => {
    const found = definersOf([
      chunk(
        's1',
        payload('p.md', ['Patterns', '2.1 Calls (Request-Reply)'], 'Calls provide one-to-one exchanges.', 0),
      ),
      chunk('s2', payload('p.md', ['Patterns', '2.1 Calls (Request-Reply)'], 'More about calls.', 1)),
      chunk(
        't',
        payload('p.md', ['Patterns', 'Topics'], 'A topic is a named channel that carries messages.', 2),
      ),
      chunk('x', payload('p.md', ['Patterns', 'Exercises'], 'Exercise: write a call.', 3)),
    ]);
    expect(found.get('call')).toEqual([{ id: 's1', at: 0 }]);
    expect(found.get('request repli')).toEqual([{ id: 's1', at: 0 }]);
    expect(found.get('call request repli')).toEqual([{ id: 's1', at: 0 }]);
    expect(found.get('topic')).toEqual([{ id: 't', at: 1 }]);
    expect(found.has('exercis')).toBe(false);
  });
});

describe('a definition question', () => {
  // A page that uses "widget" in every chunk without saying what one is, and a page on screens
  // whose one sentence about widgets defines them.
  const usage = Array.from({ length: 8 }, (_, i) =>
    payload(
      'usage.md',
      ['Using widgets', `Widget recipe ${i}`],
      `Widget recipes: give the widget a name, put the widget in a row, and let each widget keep its own state ${i}.`,
      i,
    ),
  );
  const definer = payload(
    'screens.md',
    ['Screens', 'Parts of a screen'],
    'Screens are built in layers: a window holds panels, panels hold rows, and rows hold the parts the user touches. A widget is a small reusable part of the screen that draws one control, such as a button or a slider. Themes colour all of them at once.',
  );
  const filler = ['colours', 'fonts', 'menus', 'printing', 'storage', 'network']
    .flatMap((w) => ['basics', 'history'].map((p) => `${w} ${p}`))
    .map((words, i) => payload(`part-${i}.md`, [words], `This part covers ${words} of the application.`));

  async function retrieverWith(chunks: ChunkPayload[]) {
    const store = new InMemoryVectorStore();
    await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions });
    const vectors = await embedder.embed(
      chunks.map((c) => c.text),
      'search_document',
    );
    await store.upsert(chunks.map((p, i) => ({ id: p.url, vector: vectors[i]!, payload: p })));
    return createHybridRetriever(embedder, store);
  }
  const paths = async (r: Awaited<ReturnType<typeof retrieverWith>>, q: string) =>
    (await r.retrieve(q, 3)).hits.map((h) => h.payload.source_path);

  it('when none of the passages chosen says what the term is and another chunk does, then that chunk leads them', async () => {
    const retriever = await retrieverWith([...usage, definer, ...filler]);
    // Asked any other way, the page that uses the word most wins every place.
    expect(await paths(retriever, 'How do I name a widget?')).toEqual(['usage.md', 'usage.md', 'usage.md']);
    const hits = await paths(retriever, 'What is a widget?');
    expect(hits[0]).toBe('screens.md');
    expect(hits.slice(1)).toEqual(['usage.md', 'usage.md']);
  });

  it('when no sentence says what the term is, then the opening chunk of the section headed by it leads; a sentence that does is preferred to it', async () => {
    const headed = payload(
      'screens.md',
      ['Screens', 'Widgets (Controls)'],
      'Screens are built in layers, and the parts the user touches sit in rows. Themes colour all of them at once.',
    );
    const withHeading = await retrieverWith([...usage, headed, ...filler]);
    expect((await paths(withHeading, 'What is a widget?'))[0]).toBe('screens.md');
    const both = await retrieverWith([
      ...usage,
      { ...headed, source_path: 'other.md', url: 'u#h' },
      definer,
      ...filler,
    ]);
    expect((await paths(both, 'What is a widget?'))[0]).toBe('screens.md');
  });

  it('when the term is asked within the book\'s own name ("a widget in Frame 2") and every word of it is common there, then the chunk that says what a widget is still leads', async () => {
    // Every chunk names the toolkit, and most name widgets: no word of the subject is telling.
    const framed = (p: ChunkPayload) => ({ ...p, text: `${p.text} Frame 2 draws it.` });
    const retriever = await retrieverWith([...usage, definer, ...filler].map(framed));
    expect((await paths(retriever, 'What is a widget in Frame 2?'))[0]).toBe('screens.md');
  });

  it('when a chosen passage already defines the term, or a chosen section is headed by the question, then nothing is brought in', async () => {
    const defined = usage.map((p, i) =>
      i === 0 ? { ...p, text: `A widget is a part of the screen that keeps its own state. ${p.text}` } : p,
    );
    expect(
      await paths(await retrieverWith([...defined, definer, ...filler]), 'What is a widget?'),
    ).not.toContain('screens.md');
    const headed = usage.map((p, i) =>
      i === 0 ? { ...p, heading_path: ['Using widgets', 'What is a widget?'] } : p,
    );
    expect(
      await paths(await retrieverWith([...headed, definer, ...filler]), 'What is a widget?'),
    ).not.toContain('screens.md');
  });
});
