// The dashboard's only script, served from the jar (the Content-Security-Policy allows no other,
// and no inline script). Two jobs:
//  1. Live pages (<main data-live>) follow the server's events (/dashboard/events, the session's
//     cookie): on each, the page's <main> is fetched again and replaced, so what the server
//     rendered (and escaped) is what shows; a lost connection is said in a banner, and the
//     browser's EventSource reconnects by itself.
//  2. Forms marked data-post are sent with fetch and the session's CSRF token in X-CSRF-Token;
//     the server refuses a state-changing request without it.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
const main = document.getElementById('main');
const banner = document.getElementById('connection');
const flash = document.getElementById('flash');

function applyTitle() {
  const title = document.getElementById('page-title');
  if (title) document.title = title.textContent;
}

let refreshing = false;
let again = false;
let held = false; // a result shown once is on screen: no redraw replaces it
async function refresh() {
  if (held) return;
  if (refreshing) { again = true; return; }
  refreshing = true;
  try {
    const response = await fetch(location.href, { headers: { 'X-Dashboard-Fragment': '1' }, cache: 'no-store' });
    if (response.status === 401) { location.assign('/dashboard/login'); return; }
    if (response.ok) {
      const focused = document.activeElement?.id;
      main.innerHTML = await response.text();
      applyTitle();
      if (focused) document.getElementById(focused)?.focus();
      main.dataset.refreshed = String(Number(main.dataset.refreshed || 0) + 1);
    }
  } finally {
    refreshing = false;
    if (again) { again = false; setTimeout(refresh, 100); }
  }
}

// Several events in a burst (a batch of jobs) make one redraw. A store's page only redraws for
// events of its store; the fleet and job pages for any.
let timer = null;
function soon(event) {
  const only = main.dataset.store;
  if (only) {
    try {
      if (JSON.parse(event.data).storeId !== only) return;
    } catch (e) { /* not JSON: redraw to be safe */ }
  }
  if (timer) return;
  timer = setTimeout(() => { timer = null; refresh(); }, 300);
}

function follow() {
  const events = new EventSource('/dashboard/events');
  let lost = false;
  events.addEventListener('open', () => {
    document.body.dataset.live = 'connected';
    if (lost) {
      lost = false;
      banner.textContent = banner.dataset.back;
      banner.className = 'banner ok';
      banner.hidden = false;
      setTimeout(() => { if (!lost) banner.hidden = true; }, 3000);
      refresh(); // what changed while we were away
    }
  });
  events.addEventListener('error', () => {
    lost = true;
    document.body.dataset.live = 'lost';
    banner.textContent = banner.dataset.lost;
    banner.className = 'banner error';
    banner.hidden = false;
    if (events.readyState === EventSource.CLOSED) {
      // The browser gave up (an answer that was not an event stream, such as a 401 once the
      // session ended): try again ourselves; refresh() goes to the login page if that is why.
      setTimeout(() => { refresh(); follow(); }, 3000);
    }
  });
  events.addEventListener('store', soon);
  events.addEventListener('job', soon);
  events.addEventListener('overflow', () => { events.close(); refresh(); setTimeout(follow, 1000); });
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!form.hasAttribute('data-post')) return;
  event.preventDefault();
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf || '' },
    body: new URLSearchParams(new FormData(form)),
  });
  if (response.ok && response.headers.get('X-Dashboard-Result') === 'page') {
    // A result shown once (an enrolment code): in place of the page, which stops following events.
    main.removeAttribute('data-live');
    held = true;
    main.innerHTML = await response.text();
    applyTitle();
  } else if (response.ok) {
    location.assign(response.url);
  } else {
    flash.textContent = await response.text();
    flash.hidden = false;
  }
});

if (main && main.hasAttribute('data-live') && banner) {
  follow();
}
