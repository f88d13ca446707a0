/**
 * `<textbook-assistant>` in JSX (React 19, and what builds on it such as Docusaurus): its
 * attributes and typed `on<event>` listeners. Referenced from the package's types, so importing
 * `@textbook-assistant/widget` (or `@textbook-assistant/widget/jsx` for types alone) is enough.
 * Without React installed the augmentation is inert.
 */
import type { TextbookAssistantEventMap } from './events.js';
import type { TextbookAssistant } from './textbook-assistant.js';

/** The element's attributes, as written in markup (kebab-case). */
export interface TextbookAssistantAttributes {
  /** Origin of the BFF (e.g. `https://api.example.org`); requests go to `${apiBase}/api/v1`. */
  'api-base'?: string;
  /** Open the panel. */
  open?: boolean;
  /** How many passages an answer may draw on (1–20). */
  'max-results'?: number | string;
  /** Title shown in the panel header. */
  heading?: string;
  /** How the panel is placed (e.g. `sidepanel`); the widget's default when unset. */
  layout?: string;
}

/** React 19 adds `on<event-name>` props of a custom element as event listeners. */
export type TextbookAssistantEventProps = {
  [K in keyof TextbookAssistantEventMap as `on${K}`]?: (event: TextbookAssistantEventMap[K]) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'textbook-assistant': DetailedHTMLProps<HTMLAttributes<TextbookAssistant>, TextbookAssistant> &
        TextbookAssistantAttributes &
        TextbookAssistantEventProps;
    }
  }
}
