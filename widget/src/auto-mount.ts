/**
 * The `<script>` build: defines `<textbook-assistant>` and, when the script tag has
 * `data-api-base` (optionally `data-open`, `data-max-results`, `data-layout`), mounts one into
 * the page.
 */
import './lit-global.js';
import './textbook-assistant.js';

// Only valid while this script runs for the first time, so read it now.
const script = document.currentScript as HTMLScriptElement | null;

function mount(dataset: DOMStringMap): void {
  if (document.querySelector('textbook-assistant')) return;
  const element = document.createElement('textbook-assistant');
  element.setAttribute('api-base', dataset.apiBase ?? '');
  if (dataset.open !== undefined && dataset.open !== 'false') element.setAttribute('open', '');
  if (dataset.maxResults) element.setAttribute('max-results', dataset.maxResults);
  if (dataset.layout) element.setAttribute('layout', dataset.layout);
  document.body.append(element);
}

if (script?.dataset.apiBase !== undefined) {
  const dataset = script.dataset;
  if (document.body) mount(dataset);
  else document.addEventListener('DOMContentLoaded', () => mount(dataset), { once: true });
}
