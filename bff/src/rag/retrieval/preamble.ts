/**
 * What readers put before the question: a greeting ("hi!", "quick question:"), an apology ("sorry
 * if this is a dumb question, but"), a request for plain words ("in simple terms", "explain like
 * I'm 5") or a request that turns the question indirect ("can you explain what a topic is"). None
 * of it is what is asked, yet its words were searched for ("quick", "question", "simple", "5"),
 * and "im" or "eli5", in no book, were taken for names the book lacks: the question was declined or
 * answered about something else. The question is read without them, and an indirect question as
 * the direct one ("what a topic is" as "what is a topic").
 */

/** Said before the question and dropped: greetings, apologies, asks for plain words. */
const PREAMBLES = [
  // Announcing a question: "Quick question:", "A dumb question -".
  /^(?:a |one |another )?(?:quick |small |simple |silly |dumb |stupid |basic |noob |newbie |beginner )*question\s*[,:;!.?-]+\s*/i,
  // Apologising for it: "sorry if this is a dumb question, but".
  /^(?:sorry|apologies),? (?:if|but) (?:this|it) (?:is|'s|may be|might be|sounds) (?:a )?(?:very |really )?(?:dumb|stupid|basic|silly|obvious|noob|newbie|beginner)(?: question)?[\s,]*(?:but\b)?[\s,:;!.?-]*/i,
  /^(?:this|it) (?:may|might) (?:be|sound) (?:a )?(?:very |really )?(?:dumb|stupid|basic|silly|obvious|noob|newbie)(?: question)?[\s,]*(?:but\b)?[\s,:;!.?-]*/i,
  // A greeting or filler word, then a pause: "Hi!", "ok, so", "um".
  /^(?:hi|hey|hello|hiya|ok(?:ay)?|so|um+|uh+|well|sorry|excuse me)(?:[\s,:;!.?]+|$)/i,
  /^(?:please help(?: me)?|help(?: me)?,? please|help needed)\s*[,:;!.?-]+\s*/i,
  // Asking for plain words: the reader's level decides how plain the answer is.
  /^(?:in (?:simple|plain|easy|layman'?s?) (?:terms|words|english|language)|simply put|put simply)(?:[\s,:;!.?]+)/i,
  /^(?:eli5|explain (?:it )?(?:to me )?like i'?m (?:5|five|a (?:kid|child|beginner|newbie|noob)))(?:[\s,:;!.?-]+)/i,
];

/** Asked of the assistant around a wh-question: dropped, the question kept ("can you explain what …"). */
const REQUEST = new RegExp(
  '^(?:' +
    [
      '(?:can|could|would|will) you (?:please )?(?:explain|tell me|describe|show me|help me (?:understand|with))(?: to me)?',
      'please (?:explain|tell me|describe|show me)(?: to me)?',
      'explain(?: to me)?|tell me',
      "i (?:don'?t|do not|can'?t|cannot) (?:get|understand|figure out)",
      "i(?: would|'d)? (?:want|need|like|wanted) to (?:know|understand|learn)",
      "i(?:'m| am) (?:confused about|wondering|not sure)",
      'do you know',
    ].join('|') +
    ')[\\s,:;]+(?=(?:what|how|why|when|where|which|who|whether|if)\\b)',
  'i',
);

/**
 * Said after the question and dropped: thanks, "pls", "lol", "I'm so confused", "any help
 * appreciated". Their words are no part of what is asked ("thanks" matched nothing and declined
 * "what is a topic? thanks!"; "confused" found "Do not confuse a demo video …").
 */
const SIGN_OFF = new RegExp(
  // After a pause ("? thanks!", ", help please"): words that could be part of a question otherwise.
  '(?:[\\s]*[,;:.!?-]+\\s*(?:(?:many |big )?thanks?(?: you)?(?: so much| a lot)?|ty|cheers|please|help(?: me)?(?: please)?|' +
    "(?:i'?m|i am) (?:so |really |very |a bit |kind of )?(?:confused|lost|stuck)|" +
    'any (?:help|ideas?)(?: (?:is|are|would be))? (?:much )?(?:appreciated|welcome))' +
    // Anywhere at the end: words no question is made of, and thanks said with a "!" ("… Thanks!").
    '|\\s*[,;:.!?-]*\\s*(?:\\b(?:pls|plz|lol|haha+|thx|tia|(?:thanks?|thank you) in advance)\\b|:\\)|🙏)' +
    '|\\s+(?:(?:many |big )?thanks?(?: you)?(?: so much| a lot)?|cheers)\\s*!)[\\s.!?]*$',
  'iu',
);

/** A sign-off is short: only the end of the text is searched, so a long run of punctuation costs nothing. */
const SIGN_OFF_CHARS = 80;

function withoutSignOff(text: string): string {
  const head = Math.max(0, text.length - SIGN_OFF_CHARS);
  const off = SIGN_OFF.exec(text.slice(head));
  if (!off) return text;
  // A question mark before the sign-off stays: "what is a topic? thanks!" → "what is a topic?".
  return text.slice(0, head + off.index) + (/^[^a-z:🙏]*\?/iu.test(off[0]) ? '?' : '');
}

/** "what a topic is" → "what is a topic"; "how a PID controller works" → "how does a PID controller work". */
function direct(question: string): string {
  // Already direct: "what is …", "how does …".
  if (
    /^(?:what|who|which|how|why|when|where)(?:'s|\s+(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|to)\b)/i.test(
      question,
    )
  )
    return question;
  const what = /^(what|who|which)\s+(.+?)\s+(is|are|was|were|means?|does)\s*([?.!]*)$/i.exec(question);
  if (what) {
    const [, wh, rest, verb, end] = what as unknown as string[];
    // "what the gripper does" → "what does the gripper do", "what X means" → "what does X mean".
    if (/^(?:mean|means|does)$/i.test(verb!))
      return `${wh} does ${rest} ${/^does$/i.test(verb!) ? 'do' : 'mean'}${end || '?'}`;
    return `${wh} ${verb} ${rest}${end || '?'}`;
  }
  const how = /^how\s+(.+?)\s+(works|work|functions|function)\s*([?.!]*)$/i.exec(question);
  if (how) return `how does ${how[1]} ${how[2]!.replace(/s$/, '')}${how[3] || '?'}`;
  return question;
}

/**
 * The question as asked, without what came before it (PREAMBLES, REQUEST) or after it (SIGN_OFF);
 * unchanged if that is all there is.
 */
/**
 * "What exactly is X?", "what even is X", "how actually do I …": the adverb after the question word
 * stresses the question and changes nothing it asks ("what is X?", "how do I …").
 */
const HEDGE =
  /^(what's|how's|(?:what|how|why|where|when|which|who)(?=\s+\w+\s+(?:is|are|was|were|do|does|did|can|could|should|would|will|happens?|happened|means?)\b))\s+(?:exactly|even|actually|really|precisely|specifically|basically|literally)\s+/i;

export function bareQuestion(question: string): string {
  let text = question.trim();
  for (let guard = 0; guard < 8; guard++) {
    const next = withoutSignOff(PREAMBLES.reduce((t, p) => t.replace(p, ''), text));
    if (next === text) break;
    text = next;
  }
  const request = REQUEST.exec(text);
  if (request) text = text.slice(request[0].length);
  text = text.replace(HEDGE, '$1 ');
  // What the reader said before the question leaves it indirect ("… what a topic is").
  if (text !== question.trim()) text = direct(text.trim());
  // Nothing left but the preamble ("Thanks!"): the question is what it was.
  return /[a-z0-9]/i.test(text) ? text : question;
}
