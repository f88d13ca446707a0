import { describe, expect, it } from 'vitest';
import { applyCorrections, correctSpelling } from './spelling.js';
import { contentTerms } from './terms.js';

const book = new Set(
  contentTerms('Subscribers receive messages. A quaternion holds a rotation. Simulation of sensors.'),
);
const known = (term: string) => book.has(term);

describe('correctSpelling', () => {
  it.each([
    ['a letter dropped', 'how do subscibers get messages', 'subscibers', 'subscribers'],
    ['a letter added', 'how do subscrribers get messages', 'subscrribers', 'subscribers'],
    ['a letter changed', 'what is a quaternian', 'quaternian', 'quaternion'],
    ['two letters swapped', 'how do nodes recieve messages', 'recieve', 'receive'],
  ])(
    'when a word has %s ("%s"), then it is read as the English word the book uses',
    (_, question, typed, read) => {
      const spelled = correctSpelling(question, known);
      expect(spelled.corrections).toEqual([{ typed, read }]);
      expect(spelled.text).toBe(question.replace(typed, read));
    },
  );

  it('when the word is spelt as the book or the dictionary spells it, then nothing changes', () => {
    for (const question of ['how do subscribers receive messages', 'why is laundry hard for robots'])
      expect(correctSpelling(question, known)).toEqual({ text: question, corrections: [] });
  });

  it('when the letters are joined to digits or underscores, then they are part of an identifier and stay as typed', () => {
    const terms = new Set(contentTerms('control the mechanism, receive'));
    const known2 = (t: string) => terms.has(t);
    expect(correctSpelling('ros2_contrrol and LoggedMechanisn2d', known2).corrections).toEqual([]);
    // A file name's parts and a hyphenated word's are words.
    expect(correctSpelling('my .recieve file and contrrol-loop', known2).text).toBe(
      'my .receive file and control-loop',
    );
  });

  it('when a short word is one edit from a word the book uses, then it is left as typed (short names of tools are)', () => {
    // "dprint" is one letter from "print", "colcon" from "colon": a name, not a slip.
    const printing = new Set(contentTerms('print the colon'));
    expect(correctSpelling('can dprint run colcon', (t) => printing.has(t)).corrections).toEqual([]);
  });

  it('when the word is a slip of a name the book uses, then it is read as that name', () => {
    const names = new Set(contentTerms('the Ziegler-Nichols method in AdvantageScope'));
    const spelled = correctSpelling('tuning with ziegler nicholas in advantgaescope', (t) => names.has(t));
    expect(spelled.corrections).toEqual([
      { typed: 'nicholas', read: 'nichols' },
      { typed: 'advantgaescope', read: 'advantagescope' },
    ]);
  });

  it('when the nearest book term is only the stem of an English word, then the word is left as typed', () => {
    // The book's "calibrate" is stemmed "calibr": "Kalibrat" is one letter from that stem, not a slip of a name.
    const calibrate = new Set(contentTerms('calibrate the camera'));
    expect(correctSpelling('how do I use Kalibrat', (t) => calibrate.has(t)).corrections).toEqual([]);
  });

  it('when the word is a slip of an English word the book never uses, then it is read as that word all the same', () => {
    // Read as an everyday word, it is no longer a name the book lacks.
    expect(correctSpelling('what does a quaternoin do', () => false).corrections).toEqual([
      { typed: 'quaternoin', read: 'quaternion' },
    ]);
    expect(correctSpelling('so is it bascially a loop', () => false).corrections).toEqual([
      { typed: 'bascially', read: 'basically' },
    ]);
  });

  it('when two readings are one edit away, then the one the book uses more wins', () => {
    const text = 'sensors sensors sensors senders';
    const counts = new Map<string, number>();
    for (const t of text.split(' ').flatMap((w) => contentTerms(w))) counts.set(t, (counts.get(t) ?? 0) + 1);
    const spelled = correctSpelling(
      'which sensers',
      (t) => counts.has(t),
      (t) => counts.get(t) ?? 0,
    );
    expect(spelled.corrections).toEqual([{ typed: 'sensers', read: 'sensors' }]);
    const fewer = correctSpelling(
      'which sensers',
      (t) => counts.has(t),
      (t) => -(counts.get(t) ?? 0),
    );
    expect(fewer.corrections).toEqual([{ typed: 'sensers', read: 'senders' }]);
  });

  it('when the word starts with a capital, then its reading does too, and the same reading applies to another text', () => {
    const spelled = correctSpelling('Recieve is slow', known);
    expect(spelled.text).toBe('Receive is slow');
    expect(applyCorrections('why do nodes recieve late? Recieve!', spelled.corrections)).toBe(
      'why do nodes receive late? Receive!',
    );
  });
});
