// Hosts the game's vis HTML (untrusted: written by game authors) in a sandboxed frame.
//
// The frame has sandbox="allow-scripts" and NO allow-same-origin, so it runs in an opaque origin:
// it cannot read our cookies, DOM or storage. Its document starts with a strict CSP that allows
// exactly one script, our vis-bridge.js, by URL; scripts inside the vis HTML never run.
// The bridge reports clicks by postMessage; we accept messages only from this frame's window
// carrying the random token of the current document, and the caller applies only operators that
// are in the current operator list.

const MIN_HEIGHT = 120;
const MAX_HEIGHT = 4000;

// Game pictures are fetched by this page (same origin, with the participant cookie) and handed to
// the frame as data: URLs: requests from the opaque-origin frame itself count as cross-site, so
// the browser would not send the SameSite cookie that authorises them.
const ASSET_ATTRS = [['img', 'src'], ['image', 'href'], ['image', 'xlink:href'], ['source', 'src'], ['audio', 'src'], ['video', 'poster']];
const ASSET_CACHE_LIMIT = 32 * 1024 * 1024;  // characters of data: URLs kept for reuse across moves

// Elements that have no business in a vis fragment: they could navigate the frame, change its
// base URL or embed other documents. Scripts would not run anyway (CSP); JSON data blocks stay.
const DROP = 'meta, base, iframe, frame, frameset, object, embed, portal, link:not([rel~="stylesheet"])';

export class VisHost {
  /**
   * @param frame     the <iframe sandbox="allow-scripts"> element
   * @param options   {bridgeUrl, assetBase, onOp(opIndex, args|null), onInfo(text, x, y),
   *                   onContext(items, x, y)}; x, y are viewport coordinates in this page
   */
  constructor(frame, options) {
    this.frame = frame;
    this.options = options;
    this.token = null;
    this.ready = false;
    this.shownHtml = null;   // what the frame currently displays
    this.wantedHtml = null;  // what it should display
    this.loads = 0;
    this.renderSeq = 0;
    this.assets = new Map();  // absolute URL -> Promise of a data: URL (or null when it failed)
    this.assetChars = 0;
    window.addEventListener('message', (event) => this.onMessage(event));
    frame.addEventListener('load', () => {
      // A second load for the same document means it navigated away: start afresh.
      if (++this.loads > 1 && this.wantedHtml !== null) this.reload();
    });
  }

  /** Shows new vis HTML: in place when the frame is ready (no flicker), else by (re)loading. */
  async render(html) {
    const seq = ++this.renderSeq;
    const clean = await this.inlineAssets(sanitize(html));
    if (seq !== this.renderSeq) return;  // a newer state arrived meanwhile
    this.wantedHtml = clean;
    if (this.ready) this.push();
    else if (this.token === null) this.reload();
  }

  /** Replaces references to the game's assets by data: URLs fetched with this page's cookie. */
  async inlineAssets(html) {
    if (!this.options.assetBase) return html;
    const base = new URL(this.options.assetBase, window.location.href).href;
    const template = document.createElement('template');
    template.innerHTML = html;
    const jobs = [];
    for (const [tag, attr] of ASSET_ATTRS) {
      template.content.querySelectorAll(tag).forEach((node) => {
        const value = node.getAttribute(attr);
        if (!value || value.startsWith('data:')) return;
        let url;
        try { url = new URL(value, window.location.href).href; } catch { return; }  // not a URL: leave it
        if (!url.startsWith(base)) return;
        jobs.push(this.fetchAsset(url).then((data) => { if (data) node.setAttribute(attr, data); }));
      });
    }
    if (!jobs.length) return html;
    await Promise.all(jobs);
    return template.innerHTML;
  }

  fetchAsset(url) {
    if (!this.assets.has(url)) {
      const job = fetch(url, { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.blob() : null))
        .then((blob) => (blob ? readAsDataUrl(blob) : null))
        .then((data) => {
          if (!data) { this.assets.delete(url); return null; }  // try again next time
          this.assetChars += data.length;
          if (this.assetChars > ASSET_CACHE_LIMIT) { this.assets.clear(); this.assetChars = 0; }
          return data;
        })
        .catch(() => null);
      this.assets.set(url, job);
    }
    return this.assets.get(url);
  }

  reload() {
    this.token = randomToken();
    this.ready = false;
    this.loads = 0;
    this.shownHtml = this.wantedHtml;
    this.frame.srcdoc = buildDocument(this.wantedHtml, this.token, this.options);
  }

  push() {
    if (this.shownHtml === this.wantedHtml) return;
    this.shownHtml = this.wantedHtml;
    // The frame's origin is opaque, so '*' is the only target origin that reaches it.
    this.frame.contentWindow.postMessage({ wsz6: 'render', html: this.wantedHtml }, '*');
  }

  onMessage(event) {
    if (event.source !== this.frame.contentWindow) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.token !== this.token) return;
    const box = this.frame.getBoundingClientRect();
    const x = box.left + clamp(Number(data.x) || 0, 0, box.width);
    const y = box.top + clamp(Number(data.y) || 0, 0, box.height);
    switch (data.wsz6) {
      case 'ready':
        this.ready = true;
        this.push();
        break;
      case 'size':
        this.frame.style.height = `${clamp(Math.ceil(Number(data.height) || 0), MIN_HEIGHT, MAX_HEIGHT)}px`;
        break;
      case 'op': {
        const opIndex = Number(data.op_index);
        if (!Number.isInteger(opIndex)) return;
        const args = Array.isArray(data.args) && data.args.every(isPlainValue) ? data.args : null;
        this.options.onOp(opIndex, args);
        break;
      }
      case 'info':
        if (typeof data.text === 'string') this.options.onInfo(data.text, x, y);
        break;
      case 'context':
        if (Array.isArray(data.items)) this.options.onContext(data.items.slice(0, 30), x, y);
        break;
      default:
    }
  }
}

/** Removes elements that could navigate or re-base the frame (defence in depth beside the CSP). */
export function sanitize(html) {
  const template = document.createElement('template');  // parses inertly: nothing loads or runs
  template.innerHTML = String(html ?? '');
  template.content.querySelectorAll(DROP).forEach((node) => node.remove());
  template.content.querySelectorAll('script').forEach((node) => {
    if ((node.getAttribute('type') || '').toLowerCase() !== 'application/json') node.remove();
  });
  // Inline handlers and javascript: links would be blocked by the CSP anyway; drop them so the
  // console stays quiet and nothing depends on that single line of defence.
  template.content.querySelectorAll('*').forEach((node) => {
    for (const attr of Array.from(node.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || (/(^|:)href$|^src$|^action$|^formaction$/.test(name) && /^\s*javascript:/i.test(attr.value))) {
        node.removeAttribute(attr.name);
      }
    }
  });
  return template.innerHTML;
}

/** The whole srcdoc document: CSP first, then our base styles, the vis HTML and the bridge. */
export function buildDocument(visHtml, token, { bridgeUrl, assetBase }) {
  const origin = window.location.origin;
  const bridge = new URL(bridgeUrl, window.location.href).href;
  const assets = assetBase ? new URL(assetBase, window.location.href).href : `${origin}/`;
  const csp = [
    "default-src 'none'",
    `script-src ${bridge}`,
    `style-src 'unsafe-inline' ${assets}`,
    `img-src ${assets} data: blob:`,
    `media-src ${assets} data:`,
    `font-src ${assets} data:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html><html lang="en" data-wsz6-token="${token}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
html,body{margin:0;padding:0;background:#fff;color:#1c2230;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
#wsz6-root{padding:4px;overflow-x:auto}
img,svg{max-width:100%;height:auto}
.wsz6-clickable{cursor:pointer;transition:filter .12s ease,outline-color .12s ease;outline:2px solid transparent;outline-offset:2px}
.wsz6-clickable:hover{outline-color:rgba(36,87,214,.55);filter:drop-shadow(0 0 3px rgba(36,87,214,.8))}
.wsz6-clickable:focus-visible{outline:3px solid #2457d6;filter:drop-shadow(0 0 3px rgba(36,87,214,.9))}
.wsz6-tip{position:fixed;z-index:10;pointer-events:none;background:#1c2230;color:#fff;font-size:13px;padding:3px 8px;border-radius:6px;white-space:nowrap}
.wsz6-overlay{position:absolute;pointer-events:none}
.wsz6-overlay svg{position:absolute;inset:0;width:100%;height:100%;overflow:visible}
.wsz6-region-key{position:absolute;pointer-events:none;background:transparent;border:0;padding:0;margin:0;opacity:0}
</style></head><body><div id="wsz6-root">${visHtml}</div><script src="${escapeAttr(bridge)}"></script></body></html>`;
}

function readAsDataUrl(blob) {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(blob);
  });
}

function randomToken() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isPlainValue(v) {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

function escapeAttr(s) { return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;'); }
