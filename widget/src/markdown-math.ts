import type { MarkedExtension, Tokens } from 'marked';
import temml from 'temml';

/**
 * `$…$` and `$$…$$` in answers as MathML (Temml), so formulas read as the book's own page shows
 * them; the browser lays MathML out natively, with no font or stylesheet to load. An inline `$`
 * must hug its formula (`$x$`, not `$ 5 and $`) and may not be followed by a digit, so prices such
 * as "$5 and $10" stay text. A formula Temml cannot parse is shown as its source.
 */

const BLOCK = /^\$\$([\s\S]+?)\$\$(?:\n|$)/;
const INLINE = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/;

function toMathML(tex: string, displayMode: boolean): string {
  return temml.renderToString(tex.trim(), { displayMode, throwOnError: false });
}

export function mathExtension(): MarkedExtension {
  return {
    extensions: [
      {
        name: 'blockMath',
        level: 'block',
        start: (src) => src.indexOf('$$'),
        tokenizer(src) {
          const match = BLOCK.exec(src);
          if (match) return { type: 'blockMath', raw: match[0], text: match[1]! };
          return undefined;
        },
        renderer: (token) => `<p>${toMathML((token as Tokens.Generic).text as string, true)}</p>\n`,
      },
      {
        name: 'inlineMath',
        level: 'inline',
        start: (src) => src.indexOf('$'),
        tokenizer(src) {
          const block = /^\$\$([\s\S]+?)\$\$/.exec(src);
          if (block) return { type: 'inlineMath', raw: block[0], text: block[1]!, display: true };
          const match = INLINE.exec(src);
          if (match) return { type: 'inlineMath', raw: match[0], text: match[1]!, display: false };
          return undefined;
        },
        renderer: (token) => {
          const t = token as Tokens.Generic;
          return toMathML(t.text as string, Boolean(t.display));
        },
      },
    ],
  };
}
