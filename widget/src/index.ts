export { TextbookAssistant } from './textbook-assistant.js';
export { ApiClient, ApiError } from './api/client.js';
export { isSafeUrl } from './safe-url.js';
export { loadMarkdown } from './markdown-loader.js';
export { PASSWORD_RULES, passwordProblems } from './password-rules.js';
export type * from './types.js';
export type * from './events.js';
// The JSX typings of <textbook-assistant> come with the package's types.
export type * from './jsx.js';
