// One WebSocket per tab (docs/protocol.md), reconnecting with backoff after a drop.
// The server identifies us by an HttpOnly cookie, so a reconnect needs nothing but the URL.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
// 1012 "service restart": the session moved to another portal node (or its node stopped). The next
// try reaches whichever node the load balancer picks, which serves the session: come back at once.
const MOVED = 1012;
const MOVED_RETRY_MS = 200;
const PING_EVERY_MS = 25000;

export class Connection {
  /**
   * @param url        the ws(s):// URL
   * @param handlers   {onMessage(msg), onStatus(status, detail)}; status is
   *                   'connecting' | 'open' | 'reconnecting' | 'closed'
   * @param openSocket (url) => WebSocket-like object; tests pass a fake
   */
  constructor(url, handlers, openSocket = (u) => new WebSocket(u)) {
    this.url = url;
    this.handlers = handlers;
    this.openSocket = openSocket;
    this.attempt = 0;
    this.stopped = false;
    this.socket = null;
    this.nextRef = 1;
    this.pingTimer = null;
    this.retryTimer = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  /** Stops for good (the session ended): no more reconnects. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close(1000, 'done');
  }

  /** Sends a message and returns its ref, or null when not connected. */
  send(type, fields = {}) {
    if (!this.socket || this.socket.readyState !== 1) return null;
    const ref = this.nextRef++;
    this.socket.send(JSON.stringify({ type, ref, ...fields }));
    return ref;
  }

  get isOpen() { return !!this.socket && this.socket.readyState === 1; }

  connect() {
    this.handlers.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this.attempt });
    let socket;
    try {
      socket = this.openSocket(this.url);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    let served = false;  // the server sent something on this socket (it was in the session)
    socket.onopen = () => {
      this.attempt = 0;
      this.handlers.onStatus('open', {});
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send('ping'), PING_EVERY_MS);
    };
    socket.onmessage = (event) => {
      let msg;
      served = true;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg && typeof msg.type === 'string') this.handlers.onMessage(msg);
    };
    socket.onclose = (event) => {
      clearInterval(this.pingTimer);
      if (socket !== this.socket) return;
      this.socket = null;
      // The server refused us for good (session over, not a participant): retrying is pointless.
      // 1008 (policy violation) is how the server says "this session has ended".
      if (event.code === 1008 || (event.code >= 4000 && event.code < 5000)) this.stopped = true;
      if (this.stopped) { this.handlers.onStatus('closed', { code: event.code, reason: event.reason }); return; }
      // Quick only after a real session was moved; a node that keeps saying 1012 at once gets the back-off.
      this.scheduleRetry(event.code === MOVED && served);
    };
    socket.onerror = () => { /* onclose follows and schedules the retry */ };
  }

  scheduleRetry(moved = false) {
    const base = moved ? MOVED_RETRY_MS : BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    const delay = base / 2 + Math.random() * base / 2;  // jitter: avoid everyone reconnecting at once
    if (!moved) this.attempt++;  // a move is no failure: it does not lengthen later waits
    this.handlers.onStatus('reconnecting', { attempt: this.attempt, delay });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** Reconnect now (the "retry now" button, or the tab became visible again). */
  retryNow() {
    if (this.stopped || this.isOpen || (this.socket && this.socket.readyState === 0)) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }
}

/** ws(s)://host + path, from the page's own location (path like /play/ws?session=ID). */
export function socketUrl(path, loc = window.location) {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${path}`;
}
