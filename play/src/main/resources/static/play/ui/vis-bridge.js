// Runs INSIDE the sandboxed vis frame (opaque origin, strict CSP; the only script allowed there).
// It makes the game's vis HTML interactive as SZ6-CONTRACT section 7 says, and tells the game page
// what the player did by postMessage. It never applies anything itself: the parent checks every
// operator against the current operator list and talks to the server.
//
//   data-op-index="N"           click applies operator N (the parent opens a form when it has params)
//   data-op-args='[...]'        arguments for that operator, no form
//   data-info="text"            click shows a popup
//   data-context='[{label, op_index, op_args, info}]'   right-click (or the context-menu key) menu
//   <script type="application/json" id="wsz6-regions">  clickable regions of a picture
(function () {
  'use strict';
  if (window.__wsz6Bridge) return;  // vis HTML might include this script again
  window.__wsz6Bridge = true;

  var token = document.documentElement.getAttribute('data-wsz6-token') || '';
  var root = document.getElementById('wsz6-root') || document.body;
  var CLICKABLE = '[data-op-index],[data-info],[data-context]';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var regions = null;  // {container, sceneW, sceneH, list, overlay, highlight, keys}
  var tip = null;

  function post(type, fields) {
    var msg = { wsz6: type, token: token };
    for (var k in fields) msg[k] = fields[k];
    window.parent.postMessage(msg, '*');  // the parent checks that we are its frame
  }

  function parseJson(text) {
    try { return JSON.parse(text); } catch (e) { return undefined; }
  }

  // ---------- plain elements with data-* attributes ----------

  function prepareElements() {
    var nodes = root.querySelectorAll(CLICKABLE);
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      n.classList.add('wsz6-clickable');
      if (!n.hasAttribute('tabindex')) n.setAttribute('tabindex', '0');
      if (!n.hasAttribute('role')) n.setAttribute('role', 'button');
    }
  }

  function actOn(node, x, y) {
    if (node.hasAttribute('data-op-index')) {
      var index = parseInt(node.getAttribute('data-op-index'), 10);
      if (isNaN(index)) return;
      var args = null;
      if (node.hasAttribute('data-op-args')) {
        args = parseJson(node.getAttribute('data-op-args'));
        if (!Array.isArray(args)) args = [args];
      }
      post('op', { op_index: index, args: args, x: x, y: y });
    } else if (node.hasAttribute('data-info')) {
      post('info', { text: node.getAttribute('data-info'), x: x, y: y });
    } else if (node.hasAttribute('data-context')) {
      openContext(node, x, y);
    }
  }

  function openContext(node, x, y) {
    var items = parseJson(node.getAttribute('data-context'));
    if (Array.isArray(items)) post('context', { items: items, x: x, y: y });
  }

  function centreOf(node) {
    var r = node.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }

  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[href]');
    if (link) e.preventDefault();  // the frame never navigates
    if (regions && regions.container.contains(e.target)) {
      if (regionClick(e.clientX, e.clientY, false)) { e.preventDefault(); return; }
    }
    var node = e.target.closest && e.target.closest(CLICKABLE);
    if (node && root.contains(node)) { e.preventDefault(); actOn(node, e.clientX, e.clientY); }
  });

  document.addEventListener('contextmenu', function (e) {
    if (e.target.__wsz6Region) {  // the context-menu key on a focused region
      var r = e.target.__wsz6Region;
      if (fireRegion(r, r.centre[0], r.centre[1], true)) e.preventDefault();
      return;
    }
    if (regions && regions.container.contains(e.target)) {
      if (regionClick(e.clientX, e.clientY, true)) { e.preventDefault(); return; }
    }
    var node = e.target.closest && e.target.closest('[data-context]');
    if (!node || !root.contains(node)) return;
    e.preventDefault();
    var p = (e.clientX || e.clientY) ? { x: e.clientX, y: e.clientY } : centreOf(node);
    openContext(node, p.x, p.y);
  });

  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    var target = document.activeElement;
    if (!target) return;
    if (target.__wsz6Region) {
      e.preventDefault();
      var r = target.__wsz6Region;
      fireRegion(r, r.centre[0], r.centre[1], false);
      return;
    }
    if (target.matches && target.matches(CLICKABLE) && !/^(BUTTON|A|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      e.preventDefault();
      var c = centreOf(target);
      actOn(target, c.x, c.y);
    }
  });

  // ---------- region manifest ----------

  function readRegions() {
    if (regions && regions.overlay) regions.overlay.remove();
    regions = null;
    var script = document.getElementById('wsz6-regions');
    if (!script) return;
    var spec = parseJson(script.textContent);
    if (!spec || !Array.isArray(spec.regions)) return;
    var container = document.getElementById(spec.container_id);
    if (!container) return;
    var sceneW = Number(spec.scene_width), sceneH = Number(spec.scene_height);
    var list = spec.regions.map(normaliseRegion).filter(Boolean);
    regions = { container: container, list: list, sceneW: sceneW, sceneH: sceneH };
    buildOverlay();
    placeOverlay();
  }

  function normaliseRegion(r) {
    if (!r || typeof r !== 'object') return null;
    var box;
    if (r.shape === 'rect') box = [r.x, r.y, r.w, r.h];
    else if (r.shape === 'circle') box = [r.cx - r.r, r.cy - r.r, 2 * r.r, 2 * r.r];
    else if (r.shape === 'polygon' && Array.isArray(r.points) && r.points.length >= 3) {
      var xs = r.points.map(function (p) { return p[0]; }), ys = r.points.map(function (p) { return p[1]; });
      var x0 = Math.min.apply(null, xs), y0 = Math.min.apply(null, ys);
      box = [x0, y0, Math.max.apply(null, xs) - x0, Math.max.apply(null, ys) - y0];
    } else return null;
    if (box.some(function (v) { return typeof v !== 'number' || !isFinite(v); })) return null;
    r.box = box;
    r.centre = r.shape === 'circle' ? [r.cx, r.cy] : [box[0] + box[2] / 2, box[1] + box[3] / 2];
    r.actionable = r.op_index !== undefined || r.info !== undefined || r.context !== undefined;
    return r;
  }

  function contains(r, x, y) {
    if (r.shape === 'rect') return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
    if (r.shape === 'circle') return (x - r.cx) * (x - r.cx) + (y - r.cy) * (y - r.cy) <= r.r * r.r;
    var inside = false, pts = r.points;  // even-odd ray casting
    for (var i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      var xi = pts[i][0], yi = pts[i][1], xj = pts[j][0], yj = pts[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  /** Client (viewport) coordinates to scene pixels, following the container's displayed size. */
  function toScene(clientX, clientY) {
    var b = regions.container.getBoundingClientRect();
    if (!b.width || !b.height) return null;
    var sw = regions.sceneW || b.width, sh = regions.sceneH || b.height;
    return [(clientX - b.left) * sw / b.width, (clientY - b.top) * sh / b.height];
  }

  function toClient(sx, sy) {
    var b = regions.container.getBoundingClientRect();
    var sw = regions.sceneW || b.width, sh = regions.sceneH || b.height;
    return { x: b.left + sx * b.width / sw, y: b.top + sy * b.height / sh };
  }

  function hit(sx, sy) {
    for (var i = 0; i < regions.list.length; i++) {
      if (contains(regions.list[i], sx, sy)) return regions.list[i];  // first hit wins
    }
    return null;
  }

  /** Handles a click (or right-click) on the picture; true when a region took it. */
  function regionClick(clientX, clientY, contextMenu) {
    var p = toScene(clientX, clientY);
    if (!p) return false;
    var r = hit(p[0], p[1]);
    if (!r) return false;
    return fireRegion(r, p[0], p[1], contextMenu);
  }

  function fireRegion(r, sx, sy, contextMenu) {
    var c = toClient(sx, sy);
    if (contextMenu) {
      if (!Array.isArray(r.context)) return false;
      post('context', { items: r.context, x: c.x, y: c.y });
      return true;
    }
    if (r.op_index !== undefined) {
      var args = null;
      if (r.send_click_coords) args = [Math.round(sx), Math.round(sy)];
      else if (r.op_args !== undefined) args = Array.isArray(r.op_args) ? r.op_args : [r.op_args];
      post('op', { op_index: r.op_index, args: args, x: c.x, y: c.y });
      return true;
    }
    if (r.info !== undefined) { post('info', { text: String(r.info), x: c.x, y: c.y }); return true; }
    if (Array.isArray(r.context)) { post('context', { items: r.context, x: c.x, y: c.y }); return true; }
    return false;
  }

  // The overlay sits exactly over the container: an SVG in scene coordinates draws the hovered or
  // focused region, and one invisible focusable element per actionable region makes the picture
  // usable with Tab and Enter.
  function buildOverlay() {
    var overlay = document.createElement('div');
    overlay.className = 'wsz6-overlay';
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + (regions.sceneW || 100) + ' ' + (regions.sceneH || 100));
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    overlay.appendChild(svg);
    regions.list.forEach(function (r, i) {
      if (!r.actionable) return;
      var key = document.createElement('span');
      key.className = 'wsz6-region-key';
      key.setAttribute('tabindex', '0');
      key.setAttribute('role', 'button');
      key.setAttribute('aria-label', r.hover_label || r.info || ('Region ' + (i + 1)));
      key.__wsz6Region = r;
      key.addEventListener('focus', function () { highlight(r); });
      key.addEventListener('blur', function () { highlight(null); });
      overlay.appendChild(key);
      r.key = key;
    });
    document.body.appendChild(overlay);
    regions.overlay = overlay;
    regions.svg = svg;
  }

  function placeOverlay() {
    if (!regions) return;
    var b = regions.container.getBoundingClientRect();
    var o = regions.overlay.style;
    o.left = (b.left + window.scrollX) + 'px'; o.top = (b.top + window.scrollY) + 'px';
    o.width = b.width + 'px'; o.height = b.height + 'px';
    var sw = regions.sceneW || b.width, sh = regions.sceneH || b.height;
    regions.list.forEach(function (r) {
      if (!r.key) return;
      var s = r.key.style;
      s.left = (r.box[0] * 100 / sw) + '%'; s.top = (r.box[1] * 100 / sh) + '%';
      s.width = (r.box[2] * 100 / sw) + '%'; s.height = (r.box[3] * 100 / sh) + '%';
    });
  }

  function highlight(r) {
    var svg = regions && regions.svg;
    if (!svg) return;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    if (!r) return;
    var shape;
    if (r.shape === 'rect') {
      shape = document.createElementNS(SVG_NS, 'rect');
      shape.setAttribute('x', r.x); shape.setAttribute('y', r.y);
      shape.setAttribute('width', r.w); shape.setAttribute('height', r.h);
    } else if (r.shape === 'circle') {
      shape = document.createElementNS(SVG_NS, 'circle');
      shape.setAttribute('cx', r.cx); shape.setAttribute('cy', r.cy); shape.setAttribute('r', r.r);
    } else {
      shape = document.createElementNS(SVG_NS, 'polygon');
      shape.setAttribute('points', r.points.map(function (p) { return p[0] + ',' + p[1]; }).join(' '));
    }
    shape.setAttribute('fill', 'rgba(36,87,214,0.15)');
    shape.setAttribute('stroke', '#2457d6');
    shape.setAttribute('stroke-width', '3');
    shape.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.appendChild(shape);
  }

  function showTip(text, x, y) {
    if (!text) { if (tip) tip.hidden = true; return; }
    if (!tip) { tip = document.createElement('div'); tip.className = 'wsz6-tip'; document.body.appendChild(tip); }
    tip.hidden = false;
    tip.textContent = text;
    tip.style.left = Math.min(x + 12, window.innerWidth - tip.offsetWidth - 4) + 'px';
    tip.style.top = (y + 14) + 'px';
  }

  document.addEventListener('mousemove', function (e) {
    if (!regions) return;
    var inside = regions.container.contains(e.target);
    var r = null;
    if (inside) { var p = toScene(e.clientX, e.clientY); r = p && hit(p[0], p[1]); }
    regions.container.style.cursor = r && r.actionable ? 'pointer' : '';
    highlight(r && r.actionable ? r : null);
    showTip(r && r.hover_label, e.clientX, e.clientY);
  });

  document.addEventListener('mouseleave', function () { if (regions) highlight(null); showTip(null); });

  // ---------- rendering and size ----------

  var lastHeight = 0;
  function reportSize() {
    var h = Math.ceil(document.documentElement.scrollHeight);
    if (Math.abs(h - lastHeight) > 1) { lastHeight = h; post('size', { height: h }); }
    placeOverlay();
  }

  function refresh() {
    prepareElements();
    readRegions();
    reportSize();
  }

  window.addEventListener('message', function (e) {
    if (e.source !== window.parent) return;
    var d = e.data;
    if (!d || d.wsz6 !== 'render' || typeof d.html !== 'string') return;
    root.innerHTML = d.html;  // the CSP still applies: scripts and inline handlers stay dead
    refresh();
  });

  if (window.ResizeObserver) new ResizeObserver(reportSize).observe(document.documentElement);
  window.addEventListener('resize', reportSize);
  window.addEventListener('scroll', placeOverlay, true);
  document.addEventListener('load', reportSize, true);  // images arriving change the height
  refresh();
  post('ready', {});
})();
