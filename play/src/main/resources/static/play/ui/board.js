// Renders the game view (turn, text and vis views, operators, roster, controls) from the last
// state_update. Pure rendering: the session controller passes callbacks for every action.
import { $, el, show } from './ui.js';

/**
 * @param view {you, game, state, phase, pending, visHost, onOperator(op), onSwitchPerspective(role)}
 */
export function renderGame(view) {
  const { state, you, phase } = view;
  renderTurn(view);
  renderViews(view);
  renderOperators(view);
  renderRoster(state, phase, view);

  // Controls: each shown only to those the server would allow.
  const owner = !!you.owner;
  const live = phase === 'playing' || phase === 'paused';
  show($('undo-button'), !!state.can_undo && phase === 'playing');
  show($('pause-button'), owner && phase === 'playing');
  show($('resume-button'), owner && phase === 'paused');
  show($('end-game'), owner && live);
  show($('end-session-button'), owner);
  show($('new-playthrough-side'), owner && (phase === 'goal' || phase === 'ended'));
  // Only games with simultaneous phases need the limit; show it once such a phase was seen.
  show($('time-limit-box'), owner && live && !!view.sawParallel);
  show($('controls-box'), owner || !$('undo-button').hidden || !$('manage-seats').hidden);

  // Observers allowed to switch (admins, debug mode) choose whose view they see.
  const canSwitch = !!you.can_switch_perspective;
  show($('perspective-box'), canSwitch);
  if (canSwitch) {
    const select = $('perspective-select');
    const roles = view.game.roles || [];
    if (select.options.length !== roles.length) {
      select.replaceChildren(...roles.map((r) => el('option', { value: String(r.index) }, r.name)));
    }
    if (state.perspective_role !== null && state.perspective_role !== undefined) select.value = String(state.perspective_role);
  }
}

/** True when this viewer may move now (holds the role to move, or a parallel phase / anyone's turn). */
export function isMyTurn(state) {
  const mine = state.your_roles || [];
  if (!mine.length || !(state.operators || []).length) return false;
  if (state.parallel) return true;
  if (state.current_role === null || state.current_role === undefined || state.current_role < 0) return true;
  return mine.includes(state.current_role);
}

function renderTurn(view) {
  const { state, phase } = view;
  const box = $('turn-indicator');
  let text; let sub = '';
  const mine = isMyTurn(state) && phase === 'playing';
  const currentPlayers = ((state.roster || []).find((r) => r.role === state.current_role) || {}).players || [];
  if (phase === 'goal' || phase === 'ended') {
    text = phase === 'goal' ? 'Game over' : 'Play-through ended';
    sub = view.goal ? view.goal.message : '';
  } else if (phase === 'paused') {
    text = 'Paused';
  } else if (mine && state.parallel) {
    text = 'Your move — everyone chooses at the same time';
  } else if (mine) {
    text = (state.your_roles || []).length > 1 && state.current_role_name ? `Your move as ${state.current_role_name}` : 'Your turn';
    sub = view.cue || '';
  } else if (state.parallel) {
    text = 'Waiting for the others to choose';
  } else if (state.current_role_name) {
    text = `Waiting for ${state.current_role_name}`;
    if (currentPlayers.length) sub = currentPlayers.join(', ');
  } else {
    text = 'Waiting';
  }
  box.classList.toggle('mine', mine);
  $('turn-text').textContent = text;
  $('turn-sub').textContent = sub;
  document.title = `${mine ? '● ' : ''}${view.game.title || 'Game'} · WSZ6`;
}

function renderViews(view) {
  const { state } = view;
  const hasVis = typeof state.vis_html === 'string' && state.vis_html.length > 0;
  show($('vis-wrap'), hasVis);
  if (hasVis) view.visHost.render(state.vis_html);
  const text = $('text-view');
  text.textContent = state.text ?? '';
  // With a picture, the text view is still there for screen readers and the curious, folded away.
  const details = $('text-details');
  if (hasVis) {
    if (text.parentElement !== details) details.append(text);
    show(details, !!state.text);
  } else {
    if (text.parentElement === details) details.before(text);
    show(details, false);
  }
}

function renderOperators(view) {
  const { state, phase, pending } = view;
  const ops = state.operators || [];
  const box = $('operators');
  const active = phase === 'playing';
  $('ops-title').textContent = (state.your_roles || []).length ? 'Your moves' : 'Moves';
  box.replaceChildren(...(active ? ops : []).map((op) => el('button', {
    type: 'button', class: 'op', id: `op-${op.index}`, 'data-testid': `op-${op.index}`,
    disabled: pending, onclick: () => view.onOperator(op),
    title: op.description || null,
  },
  el('span', { class: 'op-name' }, op.name),
  op.description ? el('span', { class: 'op-desc' }, op.description) : null,
  (op.params || []).length ? el('span', { class: 'op-params' }, `Asks for: ${op.params.map((p) => p.name).join(', ')}`) : null)));

  let empty = '';
  if (!active) empty = phase === 'paused' ? 'Moves are unavailable while the game is paused.' : 'The play-through is over.';
  else if (!ops.length) {
    if (!(state.your_roles || []).length) {
      const seen = (view.game.roles || []).find((r) => r.index === state.perspective_role);
      empty = seen && !seen.observer ? `You are watching and see what ${seen.name} sees.` : 'You are watching this game.';
    }
    else if (state.parallel) empty = 'Your choice is in. Waiting for the others.';
    else empty = state.current_role_name ? `Waiting for ${state.current_role_name} to move.` : 'No moves available right now.';
  }
  $('ops-empty').textContent = empty;
  show($('ops-empty'), !!empty);
}

function renderRoster(state, phase, view) {
  const list = $('roster');
  // An admin watching a live game may take over a role where the game allows it (the server decides).
  const mayTakeOver = phase === 'playing' && !!view.you.can_switch_perspective && !!view.you.observer;
  const roles = (state.roster || []).filter((r) => (r.players || []).length || !isObserverName(r.role_name));
  list.replaceChildren(...roles.map((r) => {
    const current = phase === 'playing' && !state.parallel && r.role === state.current_role;
    const mine = (state.your_roles || []).includes(r.role);
    const names = (r.players || []).length ? r.players.join(', ') : 'Open seat';
    return el('li', { class: current ? 'current' : '', 'data-testid': `roster-${r.role}`, 'aria-current': current ? 'true' : null },
      el('div', { class: 'rwho' },
        el('div', { class: 'rline' },
          el('span', { class: 'rname' }, r.role_name),
          mine ? el('span', { class: 'badge primary' }, 'you') : null,
          r.bot ? el('span', { class: 'badge' }, 'bot') : null,
          current ? el('span', { class: 'badge ok push-right' }, 'to move') : null),
        el('div', { class: 'players' }, names),
        mayTakeOver && !isObserverName(r.role_name) ? el('button', {
          type: 'button', class: 'btn small', 'data-testid': `take-over-${r.role}`,
          onclick: () => view.onTakeOver(r.role),
        }, 'Take over this role') : null));
  }));
}

/** Observer roles are named "Observer" (SZ6-CONTRACT section 4); empty ones need no roster line. */
function isObserverName(name) {
  return String(name || '').trim().toLowerCase() === 'observer';
}
