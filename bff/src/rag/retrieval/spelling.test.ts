import { describe, expect, it } from 'vitest';
import { applyCorrections, correctSpelling, wordCounts, type BookSpelling } from './spelling.js';
import { contentTerms } from './terms.js';

/** A book that writes exactly this text. */
function bookOf(text: string): BookSpelling {
  const terms = new Set(contentTerms(text));
  const counts = wordCounts([text]);
  return { knowsTerm: (t) => terms.has(t), count: (w) => counts.get(w) ?? 0 };
}

const book = bookOf('Subscribers receive messages. A quaternion holds a rotation. Simulation of sensors.');

describe('correctSpelling', () => {
  it.each([
    ['a letter dropped', 'how do subscibers get messages', 'subscibers', 'subscribers'],
    ['a letter added', 'how do subscrribers get messages', 'subscrribers', 'subscribers'],
    ['a letter changed', 'what is a quaternian', 'quaternian', 'quaternion'],
    ['two letters swapped', 'how do nodes recieve messages', 'recieve', 'receive'],
  ])('when a word has %s ("%s"), then it is read as the word the book writes', (_, question, typed, read) => {
    const spelled = correctSpelling(question, book);
    expect(spelled.corrections).toEqual([{ typed, read }]);
    expect(spelled.text).toBe(question.replace(typed, read));
  });

  it('when the word is spelt as the book or the dictionary spells it, then nothing changes', () => {
    for (const question of ['how do subscribers receive messages', 'why is laundry hard for robots'])
      expect(correctSpelling(question, book)).toEqual({ text: question, corrections: [] });
  });

  it('when the word is a slip of a name the book writes, then it is read as that name, capitalised or not', () => {
    const names = bookOf('the Ziegler-Nichols method in AdvantageScope, Tesla Optimus');
    expect(correctSpelling('tuning with ziegler nicholas in advantgaescope', names).corrections).toEqual([
      { typed: 'nicholas', read: 'nichols' },
      { typed: 'advantgaescope', read: 'advantagescope' },
    ]);
    expect(correctSpelling('How heavy is Tesla Opitmus?', names).text).toBe('How heavy is Tesla Optimus?');
  });

  it('when the nearest string only shares a stem with the book, or is an English word the book never writes, then the word stays as typed', () => {
    // The book's "calibrate" and "optimal" are stemmed "calibr" and "optim"; "kalibrat" and
    // "optimus" are one letter from strings with those stems ("calibrat", the dictionary's
    // "optimes"), and "fritzing" from the dictionary's "frizing": names the book never mentions.
    const stems = bookOf('calibrate the camera for optimal results');
    expect(correctSpelling('how do I use kalibrat', stems).corrections).toEqual([]);
    expect(correctSpelling('how heavy is tesla optimus', stems).corrections).toEqual([]);
    expect(correctSpelling('export to fritzing', stems).corrections).toEqual([]);
  });

  it('when the nearest English word is one the book writes in another form, then it is read as that word, unless a letter was changed', () => {
    const forms = bookOf('central pattern generators, released under a licence');
    expect(correctSpelling('a central pattern generrator', forms).corrections).toEqual([
      { typed: 'generrator', read: 'generator' },
    ]);
    expect(correctSpelling('when was the releaase', forms).corrections).toEqual([
      { typed: 'releaase', read: 'release' },
    ]);
    // "generatkr" is a changed letter from "generator": names sit next to words that way.
    expect(correctSpelling('a pattern generatkr', forms).corrections).toEqual([]);
  });

  it('when a letter was typed twice, then the word is read with it once, as the book writes it or as English', () => {
    const words = bookOf('a robot');
    expect(correctSpelling('the robbot', words).corrections).toEqual([{ typed: 'robbot', read: 'robot' }]);
    // "roughly" is in no form in this book, yet a doubled key is no name.
    expect(correctSpelling('how big rougghly', words).corrections).toEqual([
      { typed: 'rougghly', read: 'roughly' },
    ]);
    // A letter left out of a name stays a name: "fritzing" is not read as the dictionary's "frizing".
    expect(correctSpelling('export to fritzing', words).corrections).toEqual([]);
  });

  it('when the word is a slip of a function word, then it is read as that word', () => {
    // Read as a function word, it is no longer a name the book lacks.
    expect(correctSpelling('so is it thorugh a loop', bookOf('')).corrections).toEqual([
      { typed: 'thorugh', read: 'through' },
    ]);
  });

  it('when a word of five or six letters has two letters swapped or one dropped, then it is read as the word the book writes', () => {
    const words = bookOf('the timeout of a widget on a robot with colcon');
    expect(correctSpelling('set the timout', words).corrections).toEqual([
      { typed: 'timout', read: 'timeout' },
    ]);
    expect(correctSpelling('a rboot built with colcno', words).corrections).toEqual([
      { typed: 'rboot', read: 'robot' },
      { typed: 'colcno', read: 'colcon' },
    ]);
  });

  it('when a short word is a changed or added letter from a word the book writes, then it stays (short names of tools are)', () => {
    // "winget" is one letter from "widget", "dprint" from "print": names, not slips.
    const words = bookOf('print the widget on a robot');
    expect(correctSpelling('can dprint install with winget', words).corrections).toEqual([]);
    expect(correctSpelling('the robbbot', words).corrections).toEqual([]);
  });

  it('when the letters are joined to digits or underscores, then they are part of an identifier and stay as typed', () => {
    const words = bookOf('control the mechanism, receive');
    expect(correctSpelling('ros2_contrrol and LoggedMechanisn2d', words).corrections).toEqual([]);
    // A file name's parts and a hyphenated word's are words.
    expect(correctSpelling('my .recieve file and contrrol-loop', words).text).toBe(
      'my .receive file and control-loop',
    );
  });

  it('when a question holds more unknown words than a slip or two, or a word longer than any, then the rest stay as typed', () => {
    // Each word tried costs ~54 lookups per letter: a long question of nonsense is not worth them.
    const nonsense = Array.from({ length: 8 }, (_, i) => `zqxv${'wjkq'.slice(0, (i % 4) + 1)}`).join(' ');
    expect(correctSpelling(`subscibers ${nonsense}`, book).corrections).toEqual([
      { typed: 'subscibers', read: 'subscribers' },
    ]);
    expect(correctSpelling(`${nonsense} subscibers`, book).corrections).toEqual([]);
    const long = bookOf(`the ${'a'.repeat(30)} and the ${'b'.repeat(32)}`);
    expect(correctSpelling(`the ${'a'.repeat(29)}`, long).corrections).toHaveLength(1);
    expect(correctSpelling(`the ${'b'.repeat(31)}`, long).corrections).toEqual([]);
  });

  it('when two readings are one edit away, then the one the book writes more often wins', () => {
    expect(correctSpelling('which sensers', bookOf('sensors sensors sensors senders')).corrections).toEqual([
      { typed: 'sensers', read: 'sensors' },
    ]);
    expect(correctSpelling('which sensers', bookOf('sensors senders senders')).corrections).toEqual([
      { typed: 'sensers', read: 'senders' },
    ]);
  });

  it('when the word starts with a capital, then its reading does too, and the same reading applies to another text', () => {
    const spelled = correctSpelling('Recieve is slow', book);
    expect(spelled.text).toBe('Receive is slow');
    expect(applyCorrections('why do nodes recieve late? Recieve!', spelled.corrections)).toBe(
      'why do nodes receive late? Receive!',
    );
  });
});
