// WSZ6-admin: the little script the admin pages need (no inline scripts: the CSP forbids them).
(function () {
  'use strict';

  // Live sessions panel: refresh the rows every few seconds from the server-rendered fragment.
  var live = document.querySelector('[data-live-refresh]');
  if (live) {
    var url = live.getAttribute('data-live-refresh');
    var every = parseInt(live.getAttribute('data-every') || '3000', 10);
    var status = document.getElementById('live-status');
    var refresh = function () {
      fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (html) {
          // Keep focus where it was if it sat on a button inside the panel.
          var focusedId = document.activeElement && document.activeElement.id;
          live.innerHTML = html;
          if (focusedId) { var el = document.getElementById(focusedId); if (el) { el.focus(); } }
          if (status) { status.textContent = 'Updated ' + new Date().toLocaleTimeString(); }
        })
        .catch(function () { if (status) { status.textContent = 'Could not refresh; retrying…'; } });
    };
    setInterval(refresh, every);
  }

  // Account forms: the list of games matters only for the "custom list" access level.
  document.querySelectorAll('select[name=accessLevel]').forEach(function (select) {
    var box = select.form && select.form.querySelector('[data-custom-games]');
    if (!box) { return; }
    var sync = function () { box.hidden = select.value !== 'CUSTOM'; };
    select.addEventListener('change', sync);
    sync();
  });

  // Timeline: a tooltip on hover and on keyboard focus, from each bar's data-tip.
  var tip = document.getElementById('timeline-tip');
  if (tip) {
    var show = function (bar, x, y) {
      tip.textContent = '';
      bar.getAttribute('data-tip').split('\n').forEach(function (line, i) {
        var div = document.createElement('div');
        div.textContent = line;
        if (i === 0) { div.className = 'tip-title'; }
        tip.appendChild(div);
      });
      tip.hidden = false;
      var left = Math.min(x + 12, window.innerWidth - tip.offsetWidth - 8);
      var top = Math.min(y + 12, window.innerHeight - tip.offsetHeight - 8);
      tip.style.left = Math.max(8, left) + 'px';
      tip.style.top = Math.max(8, top) + 'px';
    };
    var hide = function () { tip.hidden = true; };
    document.querySelectorAll('.timeline .bar').forEach(function (bar) {
      bar.addEventListener('mousemove', function (e) { show(bar, e.clientX, e.clientY); });
      bar.addEventListener('mouseleave', hide);
      bar.addEventListener('focus', function () { var r = bar.getBoundingClientRect(); show(bar, r.left, r.bottom); });
      bar.addEventListener('blur', hide);
    });
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { hide(); } });
  }
})();
