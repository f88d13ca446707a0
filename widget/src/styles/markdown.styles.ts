import { css } from 'lit';

/** Answers rendered from Markdown (the sanitized HTML lives in this shadow root, so these rules reach it). */
export const markdownStyles = css`
  .markdown .plain {
    white-space: pre-wrap;
  }
  .markdown > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  .markdown p,
  .markdown ul,
  .markdown ol,
  .markdown pre,
  .markdown blockquote,
  .markdown table {
    margin: 0 0 10px;
  }
  .markdown ul,
  .markdown ol {
    padding-left: 22px;
  }
  .markdown h1,
  .markdown h2,
  .markdown h3,
  .markdown h4 {
    margin: 14px 0 6px;
    font-size: 15px;
    font-weight: 650;
  }
  .markdown a {
    color: var(--ta-accent);
    text-underline-offset: 2px;
  }
  .markdown .cite-marker {
    text-decoration: none;
    font-size: 0.85em;
  }
  .markdown code {
    padding: 1px 5px;
    border-radius: 5px;
    background: var(--ta-surface);
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.88em;
  }
  .markdown pre {
    overflow-x: auto;
    padding: 10px 12px;
    border-radius: 8px;
    background: var(--ta-surface);
  }
  .markdown pre code {
    padding: 0;
    background: none;
  }
  .markdown blockquote {
    padding-left: 10px;
    border-left: 3px solid var(--ta-border);
    color: var(--ta-muted);
  }
  .markdown img {
    max-width: 100%;
  }
  .markdown table {
    border-collapse: collapse;
    font-size: 13px;
  }
  .markdown th,
  .markdown td {
    padding: 4px 8px;
    border: 1px solid var(--ta-border);
  }
`;
