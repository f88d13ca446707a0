// Admin dashboard: fetches /api/v1/admin/analytics with the admin's cookies and draws it.
// Plain script served from 'self' (the CSP allows no inline script); Chart.js is the global UMD build.
/* global document, window, fetch, getComputedStyle, Chart */
(function () {
  'use strict';
  const API = '/api/v1';
  const $ = (id) => document.getElementById(id);
  const charts = {};
  let lastData = null;

  function status(text) {
    $('status').textContent = text;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function table(headers, rows, numeric) {
    const t = el('table');
    const head = t.createTHead().insertRow();
    headers.forEach((h, i) => {
      const th = el('th', h, numeric[i] ? 'num' : undefined);
      th.scope = 'col';
      head.appendChild(th);
    });
    const body = t.createTBody();
    rows.forEach((row) => {
      const tr = body.insertRow();
      row.forEach((cell, i) => tr.appendChild(el('td', cell, numeric[i] ? 'num' : undefined)));
    });
    if (!rows.length)
      body.insertRow().appendChild(el('td', 'Nothing yet.')).setAttribute('colspan', headers.length);
    return t;
  }

  function put(id, node) {
    $(id).replaceChildren(node);
  }

  async function call(method, path, body) {
    return fetch(API + path, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  /** An expired access cookie is renewed once with the refresh cookie before giving up. */
  async function fetchAnalytics(days) {
    let res = await call('GET', '/admin/analytics?days=' + days);
    if (res.status === 401 && (await call('POST', '/auth/refresh')).ok) {
      res = await call('GET', '/admin/analytics?days=' + days);
    }
    return res;
  }

  function showSignin(message) {
    $('main').hidden = true;
    $('signout').hidden = true;
    $('signin').hidden = false;
    status(message);
    $('email').focus();
  }

  async function load() {
    status('Loading…');
    const res = await fetchAnalytics($('days').value);
    if (res.status === 401) return showSignin('Sign in to see the figures.');
    if (res.status === 403) return showSignin('This account is not an administrator.');
    if (!res.ok) return status('Could not load the figures (HTTP ' + res.status + ').');
    lastData = await res.json();
    $('signin').hidden = true;
    $('main').hidden = false;
    $('signout').hidden = false;
    render(lastData);
    status('Showing the last ' + lastData.days + ' days.');
  }

  function colors() {
    const css = getComputedStyle(document.documentElement);
    const v = (name) => css.getPropertyValue(name).trim();
    return {
      fg: v('--fg'),
      muted: v('--muted'),
      grid: v('--border'),
      series: [v('--series-1'), v('--series-2'), v('--series-3')],
    };
  }

  function draw(id, config) {
    if (typeof Chart === 'undefined') return;
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart($(id), config);
  }

  function axes(c) {
    const axis = { ticks: { color: c.muted }, grid: { color: c.grid } };
    return {
      x: axis,
      y: { beginAtZero: true, ticks: { color: c.muted, precision: 0 }, grid: { color: c.grid } },
    };
  }

  function renderSummary(d) {
    const items = [
      ['Readers', d.readers.total],
      ['Questions', d.queries.total],
      ['Personalized', Math.round(d.queries.share_personalized * 100) + ' %'],
      ['Rated helpful', d.feedback.up],
      ['Rated not helpful', d.feedback.down],
    ];
    $('summary').replaceChildren(
      ...items.map(([label, value]) => {
        const box = el('div');
        box.append(el('dt', label), el('dd', value));
        return box;
      }),
    );
  }

  function renderActivity(d, c) {
    const labels = d.queries_per_day.map((p) => p.day);
    const series = [
      ['Sign-ups', d.signups_per_day],
      ['Active readers', d.active_readers_per_day],
      ['Questions', d.queries_per_day],
    ];
    draw('activity-chart', {
      type: 'line',
      data: {
        labels,
        datasets: series.map(([label, points], i) => ({
          label,
          data: points.map((p) => p.count),
          borderColor: c.series[i],
          backgroundColor: c.series[i],
          tension: 0,
        })),
      },
      options: { responsive: true, plugins: { legend: { labels: { color: c.fg } } }, scales: axes(c) },
    });
    const rows = labels.map((day, i) => [day, ...series.map(([, points]) => points[i].count)]);
    put(
      'activity-table',
      table(['Day', 'Sign-ups', 'Active readers', 'Questions'], rows, [false, true, true, true]),
    );
  }

  function renderLevels(id, tableId, title, counts, c) {
    const labels = Object.keys(counts);
    draw(id, {
      type: 'bar',
      data: {
        labels,
        datasets: [{ label: title, data: labels.map((l) => counts[l]), backgroundColor: c.series[0] }],
      },
      options: {
        responsive: true,
        plugins: { legend: { display: false }, title: { display: true, text: title, color: c.fg } },
        scales: axes(c),
      },
    });
    put(
      tableId,
      table(
        [title, 'Readers'],
        labels.map((l) => [l, counts[l]]),
        [false, true],
      ),
    );
  }

  function render(d) {
    const c = colors();
    renderSummary(d);
    renderActivity(d, c);
    renderLevels('software-chart', 'software-table', 'Software experience', d.readers.by_software_level, c);
    renderLevels('hardware-chart', 'hardware-table', 'Hardware experience', d.readers.by_hardware_level, c);
    put(
      'slowest',
      table(
        ['Question', 'Time (ms)', 'Mode', 'When'],
        d.slowest_queries.map((q) => [
          q.query,
          q.latency_ms,
          q.mode,
          new Date(q.created_at).toLocaleString(),
        ]),
        [false, true, false, false],
      ),
    );
    put(
      'unanswered',
      table(
        ['Question', 'Times asked', 'Last asked'],
        d.unanswered_questions.map((q) => [q.query, q.times, new Date(q.last_asked_at).toLocaleString()]),
        [false, true, false],
      ),
    );
  }

  async function signin(event) {
    event.preventDefault();
    const codeShown = !$('code-row').hidden;
    let res;
    if (codeShown) {
      const code = $('code').value.trim();
      res = await call('POST', '/auth/signin/2fa', /^\d{6}$/.test(code) ? { code } : { recovery_code: code });
    } else {
      res = await call('POST', '/auth/signin', { email: $('email').value, password: $('password').value });
    }
    const body = await res.json().catch(() => ({}));
    if (res.ok && body.two_factor_required) {
      $('code-row').hidden = false;
      $('code').focus();
      return status('Enter the code from your authenticator app.');
    }
    if (!res.ok) {
      if (res.status === 401 && codeShown && body.error && body.error.code === 'two_factor_not_pending') {
        $('code-row').hidden = true;
      }
      return status((body.error && body.error.message) || 'Sign-in failed.');
    }
    $('password').value = '';
    $('code').value = '';
    $('code-row').hidden = true;
    await load();
    $('main').focus();
  }

  async function signout() {
    await call('POST', '/auth/signout');
    showSignin('Signed out.');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('signin-form').addEventListener('submit', signin);
    $('days').addEventListener('change', load);
    $('reload').addEventListener('click', load);
    $('signout').addEventListener('click', signout);
    // Follow the system's dark mode live: redraw the charts with the new colours.
    window
      .matchMedia('(prefers-color-scheme: dark)')
      .addEventListener('change', () => lastData && render(lastData));
    load();
  });
})();
