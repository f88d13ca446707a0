/** Entry of `textbook-assistant.markdown.js`, the IIFE build's lazily loaded Markdown renderer. */
import { renderMarkdown } from './markdown.js';

(window as Window & { __textbookAssistantMarkdown?: typeof renderMarkdown }).__textbookAssistantMarkdown =
  renderMarkdown;
