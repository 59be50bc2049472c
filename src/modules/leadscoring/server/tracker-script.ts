/**
 * The first-party script on the office's public pages, served from this server (no third
 * party, and `script-src 'self'` holds). It asks for consent first (§ 25 Abs. 1 TDDDG): until
 * the visitor agrees it stores nothing but the choice itself, in a cookie of this site, which
 * § 25 Abs. 2 Nr. 2 allows as strictly necessary. Both buttons have the same weight, and a
 * link in the banner's place reopens it to withdraw.
 *
 * With consent it reports page views (one session per tab), time on page, gallery, 3D tour and
 * floor-plan interest and the exposé download, and puts the visitor id into the page's forms,
 * so that an inquiry ties the visits to the contact that sends it.
 */
export const CONSENT_VERSION = '2026-12';

export const TRACKER_SCRIPT = `(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) return;
  var d = me.dataset, tenant = d.tenant, suffix = d.cookie;
  var consentName = 'ixx_c_' + suffix, visitorName = 'ixx_v_' + suffix;
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function setCookie(name, value, days) {
    document.cookie = name + '=' + encodeURIComponent(value) + '; Max-Age=' + days * 86400 + '; Path=/; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }
  var session = sessionStorage.getItem('ixx_s');
  if (!session) { session = Math.random().toString(36).slice(2) + Date.now().toString(36); sessionStorage.setItem('ixx_s', session); }
  var started = Date.now(), sentKinds = {};
  function send(kind, value) {
    if (cookie(consentName) !== 'ja' || !cookie(visitorName)) return;
    var body = JSON.stringify({ t: tenant, k: kind, p: d.property || undefined, s: session, v: value, r: d.ref || undefined });
    if (navigator.sendBeacon) navigator.sendBeacon('/t/ereignis', new Blob([body], { type: 'text/plain' }));
    else fetch('/t/ereignis', { method: 'POST', body: body, keepalive: true, credentials: 'same-origin' });
  }
  function once(kind) { if (!sentKinds[kind]) { sentKinds[kind] = true; send(kind); } }
  function fillForms() {
    var id = cookie(visitorName);
    if (!id || cookie(consentName) !== 'ja') return;
    var forms = document.querySelectorAll('form[method="post"]');
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].querySelector('input[name="ixx_visitor"]')) continue;
      var input = document.createElement('input');
      input.type = 'hidden'; input.name = 'ixx_visitor'; input.value = id;
      forms[i].appendChild(input);
    }
  }
  function watch() {
    send('page_view');
    if (d.page === 'expose') send('expose_view');
    fillForms();
    document.addEventListener('click', function (e) {
      var el = e.target && e.target.closest ? e.target.closest('[data-track]') : null;
      if (el) once(el.getAttribute('data-track'));
    });
    // A horizontal swipe through the photos is interest as much as a click.
    var galleries = document.querySelectorAll('[data-track="gallery"]');
    for (var g = 0; g < galleries.length; g++) galleries[g].addEventListener('scroll', function () { once('gallery'); }, { passive: true });
    // Clicks inside the 3D tour's frame are not seen here; the frame taking the focus is.
    window.addEventListener('blur', function () {
      var a = document.activeElement;
      if (a && a.tagName === 'IFRAME' && a.getAttribute('data-track')) once(a.getAttribute('data-track'));
    });
    // A floor plan looked at for two seconds counts.
    if ('IntersectionObserver' in window) {
      var timers = {};
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          var kind = entry.target.getAttribute('data-track');
          if (entry.isIntersecting) timers[kind] = setTimeout(function () { once(kind); }, 2000);
          else clearTimeout(timers[kind]);
        });
      }, { threshold: 0.5 });
      var plans = document.querySelectorAll('[data-track="floor_plan"]');
      for (var f = 0; f < plans.length; f++) io.observe(plans[f]);
    }
    var reported = false;
    function leave() {
      if (reported) return;
      reported = true;
      send('time_on_page', Math.min(3600, Math.round((Date.now() - started) / 1000)));
    }
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') leave(); });
    window.addEventListener('pagehide', leave);
  }
  function post(path, payload) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(payload) });
  }
  var banner = document.getElementById('ixx-consent');
  var reopen = document.getElementById('ixx-consent-reopen');
  function show(open) { banner.hidden = !open; reopen.hidden = open; }
  document.getElementById('ixx-consent-yes').addEventListener('click', function () {
    post('/t/einwilligung', { t: tenant, r: d.ref || undefined }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      setCookie(consentName, 'ja', 180);
      show(false);
      watch();
    }).catch(function () {
      document.getElementById('ixx-consent-error').hidden = false;
    });
  });
  document.getElementById('ixx-consent-no').addEventListener('click', function () {
    var had = cookie(consentName) === 'ja';
    setCookie(consentName, 'nein', 180);
    show(false);
    if (had) post('/t/widerruf', { t: tenant }).then(function () { setCookie(visitorName, '', 0); location.reload(); });
  });
  reopen.addEventListener('click', function () { show(true); });
  var choice = cookie(consentName);
  if (choice === null) show(true);
  else { show(false); if (choice === 'ja') watch(); }
})();
`;
