// The session page controller: one WebSocket (docs/protocol.md), the lobby and the game in one
// page. It keeps the last message of each kind and re-renders from them; it never decides game
// rules itself (the server does), it only mirrors them so players are not offered dead buttons.
import { $, el, show, toast, openDialog, closeDialog, confirmAction, copyText } from './ui.js';
import { Connection, socketUrl } from './connection.js';
import { VisHost } from './vis.js';
import { renderLobby } from './lobby.js';
import { renderGame } from './board.js';
import { askForArgs } from './forms.js';

const PHASE_LABEL = { lobby: 'Lobby', playing: 'Playing', paused: 'Paused', goal: 'Finished', ended: 'Finished' };
// 'goal' and 'ended' both mean "this play-through is over"; the session itself goes on until the
// owner ends it (game_ended with reason 'session') or removes us (reason 'removed').
const FINISHED = new Set(['goal', 'ended']);
const PENDING_TIMEOUT_MS = 15000;

export class PlaySession {
  /**
   * @param config {sessionId, wsUrl, wsPath, bridgeUrl, assetBase, role (debug frame: the role shown), embed}
   * @param openSocket optional (url) => WebSocket-like; the dev harness passes a fake
   */
  constructor(config, openSocket) {
    this.config = config;
    this.you = null;
    this.game = null;
    this.phase = null;
    this.inviteUrl = null;
    this.lobby = null;
    this.state = null;
    this.goal = null;
    this.history = [];
    this.playthrough = null;
    this.goalShownFor = null;   // the play-through whose result dialog was shown
    this.pendingRef = null;     // ref of my move in flight: operators rest until its ack or error
    this.pendingTimer = null;
    this.cue = '';              // the game's role_cue text while it is my turn
    this.sawParallel = false;   // a simultaneous phase happened: the owner gets the time-limit control
    this.botKinds = null;       // bot kinds this server offers (welcome.bot_kinds)
    this.showSeats = false;     // seat management opened outside the lobby phase
    this.ended = false;
    this.visHost = new VisHost($('vis-frame'), {
      bridgeUrl: config.bridgeUrl,
      assetBase: config.assetBase,
      onOp: (index, args) => this.operatorFromVis(index, args),
      onInfo: (text, x, y) => this.showInfo(text, x, y),
      onContext: (items, x, y) => this.showContextMenu(items, x, y),
    });
    this.connection = new Connection(socketUrl(config.wsUrl || `${config.wsPath}?session=${encodeURIComponent(config.sessionId)}`),
      { onMessage: (m) => this.onMessage(m), onStatus: (s, d) => this.onStatus(s, d) }, openSocket);
    this.wireControls();
  }

  start() { this.connection.start(); }

  send(type, fields = {}) {
    const ref = this.connection.send(type, fields);
    if (ref === null) toast('Not connected right now. Your action was not sent; try again in a moment.', { title: 'Offline' });
    return ref;
  }

  // ---------------------------------------------------------------- connection status

  onStatus(status, detail) {
    const banner = $('connection-banner');
    // While offline nothing can be sent: the moves and controls rest until the socket is back.
    document.body.classList.toggle('offline', status !== 'open');
    if (status === 'open') { show(banner, false); return; }
    if (status === 'reconnecting') {
      $('connection-text').textContent = detail.attempt > 8
        ? 'Still trying to reconnect… If this lasts, check your network or reload the page.'
        : detail.attempt > 2 ? 'Connection lost. Reconnecting… (your seat is kept for a few minutes)' : 'Reconnecting…';
      show(banner, this.you !== null);  // before the first welcome the connecting card says enough
      this.setPhaseBadge('Reconnecting', 'warn');
    } else if (status === 'closed' && !this.ended) {
      this.showEnded(detail.code === 1008 ? 'This session has ended.'
        : 'You are no longer connected to this session. Open the invite link again to rejoin.');
    }
  }

  // ---------------------------------------------------------------- messages

  onMessage(msg) {
    const handler = this[`on_${msg.type}`];
    if (handler) handler.call(this, msg);
  }

  on_welcome(m) {
    this.you = m.you || {};
    this.game = m.game || { roles: [] };
    this.game.roles = this.game.roles || [];
    this.inviteUrl = m.invite_url ? new URL(m.invite_url, window.location.href).href : null;
    this.botKinds = Array.isArray(m.bot_kinds) ? m.bot_kinds : null;
    if (m.parallel_time_limit !== undefined && m.parallel_time_limit !== null) setSelect($('time-limit'), m.parallel_time_limit);
    $('game-title').textContent = this.game.title || 'Game session';
    // A debug session (an author checking a game): offer the grid with every role's view.
    show($('debug-badge'), !!m.debug && !this.config.embed);
    show($('debug-grid-link'), !!m.debug && !this.config.embed && !!this.you.owner);
    $('debug-grid-link').href = `${window.location.pathname.replace(/\/$/, '')}/debug`;
    this.setPhase(m.phase);
  }

  on_lobby_update(m) {
    this.lobby = m;
    const me = (m.participants || []).find((p) => p.participant_id === this.you?.participant_id);
    if (me) {
      this.you.roles = me.roles || [];
      this.you.owner = !!me.owner || this.you.owner;
      this.you.observer = this.you.roles.every((r) => (this.game.roles.find((x) => x.index === r) || {}).observer);
    }
    if (m.phase) this.setPhase(m.phase); else this.render();
  }

  on_state_update(m) {
    if (this.playthrough !== null && m.playthrough !== this.playthrough) {
      // A new play-through in the same session: fresh history, no old goal.
      this.history = [];
      this.goal = null;
      closeDialog($('goal-overlay'));
    }
    if (this.state && m.step !== this.state.step) this.cue = '';
    this.history = this.history.filter((h) => h.step <= m.step);  // undone steps leave the history
    this.playthrough = m.playthrough;
    this.state = m;
    if (m.parallel) this.sawParallel = true;
    this.clearPending();
    if (m.goal && !this.goal) {
      this.goal = typeof m.goal === 'object' ? m.goal : { message: typeof m.goal === 'string' ? m.goal : 'The game is over.' };
    }
    this.setPhase(m.phase || this.phase);
    // After a reconnect no goal_reached comes again: show the result once per play-through anyway
    // (a moment later, so a goal_reached right behind this message fills in the details first).
    if (m.goal && this.goalShownFor !== m.playthrough) {
      setTimeout(() => { if (this.goalShownFor !== this.playthrough && FINISHED.has(this.phase)) this.showGoal(); }, 400);
    }
  }

  on_role_cue(m) {
    // The turn bar already says "Your turn"; the cue adds the game's own words and a gentle nudge.
    this.cue = m.message || '';
    this.render();
    const bar = $('turn-indicator');
    bar.classList.remove('cue'); void bar.offsetWidth; bar.classList.add('cue');
  }

  on_transition_msg(m) {
    // One line per step: a step seen again (after undo, or re-sent after a pause) replaces the old one.
    this.history = this.history.filter((h) => h.step < m.step);
    this.history.push({ step: m.step, text: m.text });
    const box = $('transition-message');
    box.textContent = m.text;
    show(box, true);
    box.style.animation = 'none'; void box.offsetWidth; box.style.animation = '';  // replay the fade-in
    this.renderHistory();
  }

  on_goal_reached(m) {
    this.goal = m;
    this.phase = 'goal';
    this.render();
    this.showGoal();
  }

  on_game_paused(m) {
    $('paused-text').textContent = m.message || 'The game is paused.';
    this.setPhase('paused');
  }

  on_game_resumed() {
    this.setPhase('playing');
    toast('The game goes on.', { kind: 'info', title: 'Resumed', timeout: 2500 });
  }

  on_game_ended(m) {
    if (m.reason === 'session') { this.showEnded(m.message); return; }
    if (m.reason === 'removed') { this.showEnded(m.message, 'You left this session'); return; }
    this.goal = { message: m.message || 'The play-through was ended.', winners: [], ended: true };
    this.setPhase('ended');
    this.showGoal();
  }

  on_player_joined(m) {
    if (this.phase !== 'lobby' && m.participant) toast(`${m.participant.name} joined.`, { kind: 'info', timeout: 2500 });
  }

  on_player_left(m) {
    if (this.phase !== 'lobby' && m.participant) toast(`${m.participant.name} left.`, { kind: 'info', timeout: 2500 });
  }

  on_help(m) {
    $('help-title').textContent = m.title || 'Help';
    $('help-text').textContent = m.text || '';
    const ops = m.operators || [];
    show($('help-ops-title'), ops.length > 0);
    $('help-ops').replaceChildren(...ops.map((op) => el('li', {}, el('strong', {}, op.name), op.description ? ` — ${op.description}` : '')));
  }

  on_ack(m) {
    if (m.ref === this.pendingRef) this.clearPending();
  }

  on_error(m) {
    if (m.ref !== undefined && m.ref === this.pendingRef) this.clearPending();
    if (m.code === 'session_ended') { this.showEnded(m.message); return; }
    if (m.code === 'not_ready') $('start-blocker').textContent = m.message;
    toast(m.message || 'That did not work.', { title: ERROR_TITLES[m.code] || 'Not possible' });
  }

  on_pong() {}

  // ---------------------------------------------------------------- rendering

  setPhase(phase) {
    // Error toasts about the previous phase (say, "cannot start yet") are stale once it changes.
    if (phase && this.phase && phase !== this.phase) document.querySelectorAll('#toast .toast.error').forEach((t) => t.remove());
    if (phase) this.phase = phase;
    this.render();
  }

  setPhaseBadge(text, kind) {
    const badge = $('phase-badge');
    badge.textContent = text;
    badge.className = `badge ${kind || ''}`;
  }

  render() {
    if (!this.you || this.ended) return;
    // Lists are rebuilt on every message; keep keyboard focus on the "same" control when it survives.
    const focusedId = document.activeElement && document.activeElement !== document.body ? document.activeElement.id : null;
    this.renderPhase();
    if (focusedId && (!document.activeElement || document.activeElement === document.body)) {
      const again = document.getElementById(focusedId);
      if (again && !again.disabled && again.offsetParent !== null) again.focus({ preventScroll: true });
    }
  }

  renderPhase() {
    const phase = this.phase;
    const kinds = { lobby: 'primary', playing: 'ok', paused: 'warn', goal: '', ended: '' };
    if (this.connection.isOpen || !this.connection.socket) this.setPhaseBadge(PHASE_LABEL[phase] || phase, kinds[phase]);
    $('me').textContent = this.describeMe();
    show($('connecting'), false);
    show($('paused-banner'), phase === 'paused');
    $('resume-button').hidden = !(this.you.owner && phase === 'paused');

    // Seats can change in the lobby, and also while paused or between play-throughs.
    const seatsOpen = phase === 'paused' || FINISHED.has(phase);
    if (!seatsOpen) this.showSeats = false;
    const inLobby = phase === 'lobby' || this.showSeats;
    show($('lobby'), inLobby);
    show($('game'), !inLobby && !!this.state);
    show($('manage-seats'), seatsOpen);
    if (inLobby) {
      renderLobby({
        you: this.you, game: this.game, lobby: this.lobby, inviteUrl: this.inviteUrl, botKinds: this.botKinds,
        between: phase !== 'lobby', finished: FINISHED.has(phase), send: (t, f) => this.send(t, f),
      });
    } else if (this.state) {
      renderGame({
        you: this.you, game: this.game, state: this.state, phase, goal: this.goal, sawParallel: this.sawParallel, cue: this.cue,
        pending: this.pendingRef !== null, visHost: this.visHost,
        onOperator: (op) => this.chooseOperator(op),
        onTakeOver: async (role) => {
          const name = (this.game.roles.find((r) => r.index === role) || {}).name || 'this role';
          if (await confirmAction(`Take over ${name}?`, 'You play this role from now on; whoever holds it now is unseated.', 'Take over')) {
            this.send('take_role', { role });
          }
        },
      });
      this.renderHistory();
    } else {
      show($('connecting'), true);
    }
  }

  describeMe() {
    if (this.config.role !== null) {  // a debug frame: say whose view this is
      const shown = this.game.roles.find((r) => r.index === this.config.role);
      if (shown) return `Viewing as ${shown.name}`;
    }
    const names = (this.you.roles || []).map((r) => (typeof r === 'number' ? (this.game.roles.find((x) => x.index === r) || {}).name : r)).filter(Boolean);
    const who = this.you.name ? `${this.you.name}` : '';
    if (names.length) return `${who} · ${names.join(', ')}`;
    return this.you.observer ? `${who} · watching` : who;
  }

  renderHistory() {
    const log = $('transition-log');
    log.replaceChildren(...this.history.map((h) => el('li', {}, el('span', { class: 'step' }, `#${h.step}`), h.text)));
    show($('log-empty'), this.history.length === 0);
    // The log starts when this page connected; say so rather than look like nothing happened.
    $('log-empty').textContent = this.state && this.state.step > 0 && !this.history.length
      ? `Step ${this.state.step}. Earlier moves happened before you opened this page.` : 'No moves yet.';
    log.scrollTop = log.scrollHeight;
  }

  showGoal() {
    this.goalShownFor = this.playthrough;
    const g = this.goal || {};
    $('goal-title').textContent = g.ended ? 'Play-through ended' : 'Game over';
    $('goal-message').textContent = g.message || 'The game is over.';
    const winners = g.winners || [];
    $('goal-winners').textContent = g.draw ? 'It is a draw.' : winners.length ? `Winner${winners.length > 1 ? 's' : ''}: ${winners.join(', ')}` : '';
    const owner = !!this.you?.owner;
    show($('new-playthrough'), owner);
    show($('end-session'), owner);
    openDialog($('goal-overlay'));
    (owner ? $('new-playthrough') : $('goal-close')).focus();
  }

  showEnded(message, title = 'Session ended') {
    this.ended = true;
    $('ended-title').textContent = title;
    show($('help-button'), false);
    this.connection.stop();
    for (const id of ['goal-overlay', 'param-dialog', 'file-editor', 'confirm-dialog']) closeDialog($(id));
    for (const id of ['lobby', 'game', 'connecting', 'paused-banner', 'connection-banner']) show($(id), false);
    if (message) $('ended-message').textContent = message;
    show($('ended'), true);
    this.setPhaseBadge('Ended', '');
  }

  // ---------------------------------------------------------------- moves

  currentOps() { return (this.state && this.phase === 'playing' && this.state.operators) || []; }

  /** The operator list is the only source of what may be applied: vis clicks are checked against it. */
  operatorFromVis(index, args) {
    const op = this.currentOps().find((o) => o.index === index);
    if (!op) {
      toast('That move is not available right now.', { kind: 'info', timeout: 2500 });
      return;
    }
    if (args && (op.params || []).length) this.apply(op, args);
    else this.chooseOperator(op);
  }

  async chooseOperator(op) {
    if (this.pendingRef !== null) return;
    let args = null;
    if ((op.params || []).length) {
      args = await askForArgs(op);
      if (args === null) return;
      if (!this.currentOps().some((o) => o.index === op.index)) {
        toast('The game moved on while you were choosing; that move is no longer available.', { kind: 'info' });
        return;
      }
    }
    this.apply(op, args);
  }

  apply(op, args) {
    if (this.pendingRef !== null) return;  // one move at a time: no double clicks
    const fields = { op_index: op.index };
    if (args) fields.args = args;
    // With several seats (debug mode) say which one moves: the role whose view this is.
    const mine = this.state.your_roles || [];
    const role = mine.length > 1 && mine.includes(this.config.role) ? this.config.role
      : mine.length > 1 && mine.includes(this.state.perspective_role) ? this.state.perspective_role
      : mine.length > 1 && mine.includes(this.state.current_role) ? this.state.current_role : null;
    if (role !== null) fields.role = role;
    const ref = this.send('apply_operator', fields);
    if (ref === null) return;
    this.pendingRef = ref;
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => this.clearPending(), PENDING_TIMEOUT_MS);
    this.render();
  }

  clearPending() {
    if (this.pendingRef === null) return;
    this.pendingRef = null;
    clearTimeout(this.pendingTimer);
    if (this.state) this.render();
  }

  // ---------------------------------------------------------------- popups from the vis frame

  showInfo(text, x, y) {
    this.hideMenus();
    const popup = $('info-popup');
    popup.textContent = text;
    show(popup, true);
    place(popup, x, y);
  }

  showContextMenu(items, x, y) {
    this.hideMenus();
    const menu = $('context-menu');
    const buttons = items.filter((it) => it && typeof it.label === 'string').map((it) => el('button', {
      type: 'button', role: 'menuitem',
      onclick: () => {
        this.hideMenus();
        if (it.op_index !== undefined && it.op_index !== null) {
          const args = it.op_args === undefined || it.op_args === null ? null : Array.isArray(it.op_args) ? it.op_args : [it.op_args];
          this.operatorFromVis(Number(it.op_index), args);
        } else if (it.info) this.showInfo(String(it.info), x, y);
      },
    }, it.label));
    if (!buttons.length) return;
    menu.replaceChildren(...buttons);
    show(menu, true);
    place(menu, x, y);
    buttons[0].focus();
  }

  hideMenus() {
    show($('info-popup'), false);
    show($('context-menu'), false);
  }

  // ---------------------------------------------------------------- buttons

  wireControls() {
    $('start-game').addEventListener('click', () => this.send('start_game'));
    $('copy-invite').addEventListener('click', async () => {
      const ok = await copyText($('invite-url').value, $('invite-url'));
      toast(ok ? 'Invite link copied.' : 'Select the link and copy it.', { kind: ok ? 'ok' : 'info', timeout: 2500 });
    });
    $('help-button').addEventListener('click', () => {
      $('help-text').textContent = 'Loading…';
      $('help-ops').replaceChildren();
      openDialog($('help-dialog'));
      this.send('request_help');
    });
    $('help-close').addEventListener('click', () => closeDialog($('help-dialog')));
    $('undo-button').addEventListener('click', () => this.send('request_undo'));
    $('pause-button').addEventListener('click', () => this.send('request_pause'));
    $('resume-button').addEventListener('click', () => this.send('request_resume'));
    $('end-game').addEventListener('click', async () => {
      if (await confirmAction('End this play-through?', 'The game stops here for everyone. The session stays open for a new play-through.', 'End play-through')) this.send('end_game');
    });
    const endSession = async () => {
      if (await confirmAction('End the session?', 'Everyone leaves the session and the invite link stops working.', 'End session')) this.send('end_session');
    };
    $('end-session-button').addEventListener('click', endSession);
    $('end-session').addEventListener('click', () => { closeDialog($('goal-overlay')); endSession(); });
    $('new-playthrough').addEventListener('click', () => { closeDialog($('goal-overlay')); this.send('new_playthrough'); });
    $('new-playthrough-side').addEventListener('click', () => this.send('new_playthrough'));
    $('seats-new-playthrough').addEventListener('click', () => this.send('new_playthrough'));
    $('manage-seats').addEventListener('click', () => { this.showSeats = true; this.render(); $('back-to-game').focus(); });
    $('back-to-game').addEventListener('click', () => { this.showSeats = false; this.render(); });
    $('goal-close').addEventListener('click', () => closeDialog($('goal-overlay')));
    $('turn-indicator').addEventListener('click', () => { if (FINISHED.has(this.phase)) this.showGoal(); });
    $('retry-now').addEventListener('click', () => this.connection.retryNow());
    $('time-limit').addEventListener('change', (e) => this.send('set_parallel_time_limit', { seconds: Number(e.target.value) }));
    $('perspective-select').addEventListener('change', (e) => this.send('set_perspective', { role: Number(e.target.value) }));

    document.addEventListener('click', (e) => {
      if (!$('context-menu').contains(e.target) && !$('info-popup').contains(e.target)) this.hideMenus();
    });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.hideMenus(); });
    document.addEventListener('visibilitychange', () => { if (!document.hidden) this.connection.retryNow(); });
    window.addEventListener('online', () => this.connection.retryNow());
  }
}

const ERROR_TITLES = {
  not_allowed: 'Not allowed', not_your_turn: 'Not your turn', wrong_role: 'Not your move',
  not_applicable: 'Move not possible', no_such_operator: 'Unknown move', bad_args: 'Check your input',
  game_over: 'The game is over', observer: 'You are watching', cannot_undo: 'Cannot undo',
  not_ready: 'Cannot start yet', game_error: 'Error in the game', worker_unavailable: 'Game restarting',
  paused: 'The game is paused', rate_limited: 'Slow down', too_large: 'Too large', session_ended: 'Session ended',
};

function setSelect(select, value) {
  const v = String(value);
  if (!Array.from(select.options).some((o) => o.value === v)) select.append(el('option', { value: v }, `${v} seconds`));
  select.value = v;
}

/** Places a fixed popup near (x, y), kept inside the viewport. */
function place(node, x, y) {
  const w = node.offsetWidth; const h = node.offsetHeight;
  node.style.left = `${Math.max(8, Math.min(x, window.innerWidth - w - 8))}px`;
  node.style.top = `${Math.max(8, Math.min(y + 8, window.innerHeight - h - 8))}px`;
}

/** Boots the page from the data attributes the template puts on <body>. */
export function boot(openSocket) {
  const d = document.body.dataset;
  const role = d.role !== undefined && d.role !== '' ? Number(d.role) : null;
  const session = new PlaySession({
    sessionId: d.sessionId,
    wsUrl: d.wsUrl || null,  // carries ?session=..&role=..: a debug frame's perspective is fixed on connecting
    wsPath: d.wsPath || '/play/ws',
    bridgeUrl: d.bridgeSrc || '/play/ui/vis-bridge.js',
    assetBase: d.assetBase || null,
    role: Number.isInteger(role) ? role : null,
    embed: d.embed === 'true',
  }, openSocket);
  session.start();
  return session;
}

if (!window.WSZ6_NO_AUTOBOOT) window.wsz6Session = boot();
