/**
 * The HTTP contract of the BFF (DESIGN.md, "HTTP API"): one zod schema per request and response
 * body, the error body and its codes, the shared limits and the password rule. The BFF validates
 * with these schemas and documents them in its OpenAPI; the widget and the tests import their
 * types (`import type`), and the zod-free constants from `@textbook-assistant/contract/rules`.
 */
export * from './rules.js';
export * from './errors.js';
export * from './profile.js';
export * from './auth.js';
export * from './account.js';
export * from './two-factor.js';
export * from './query.js';
export * from './query-events.js';
export * from './admin.js';
export * from './health.js';
export { text } from './text.js';
