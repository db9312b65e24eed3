// Renders the lobby from the last `welcome` and `lobby_update` messages. Every button only sends
// a protocol message; the page changes when the server's next lobby_update arrives.
import { $, el, show } from './ui.js';

const BOT_LABELS = { random: 'Random bot', first: 'First-option bot', llm: 'LLM agent bot' };

/**
 * @param view {you, game, lobby, inviteUrl, botKinds (the kinds this server offers), send(type, fields),
 *              between (seat changes while paused or after a play-through), finished (after a goal or end)}
 */
export function renderLobby(view) {
  const { you, game, lobby } = view;
  const participants = lobby ? lobby.participants || [] : [];
  const owner = !!you.owner;

  $('lobby-title').textContent = game.title || 'Lobby';
  $('lobby-desc').textContent = game.brief_desc || '';
  show($('invite-box'), owner && !!view.inviteUrl);
  if (view.inviteUrl) $('invite-url').value = view.inviteUrl;

  $('role-list').replaceChildren(...(game.roles || []).map((role) => roleItem(role, participants, view)));

  $('people-count').textContent = String(participants.length);
  $('people-list').replaceChildren(...participants.map((p) => personItem(p, view)));
  if (participants.length === 0) $('people-list').append(el('li', { class: 'person-item muted' }, 'Nobody here yet.'));

  // Outside the lobby phase this view manages seats between play-throughs (or while paused).
  const between = !!view.between;
  show($('seats-back'), between);
  show($('owner-start'), owner && !between);
  show($('owner-next'), owner && between && view.finished);
  show($('waiting-owner'), !owner && !between);
  const blocker = lobby ? lobby.start_blocker : null;
  const ready = !!(lobby && lobby.can_start);
  let note = blocker || (ready ? 'Everyone needed is seated. Ready to start.' : '');
  if (between) {
    // The start blocker speaks of starting; between play-throughs the useful note is different.
    note = view.finished ? 'Change seats, then start a new play-through.' : 'The game is paused: seat changes count when it resumes.';
  }
  $('start-blocker').textContent = note;
  $('start-blocker').classList.toggle('ready', !between && !blocker && ready);
  $('start-blocker').classList.toggle('muted', between);
  // Still clickable when blocked, so keyboard users reach the reason and the server can say why.
  $('start-game').classList.toggle('primary', ready);
  $('start-game').setAttribute('aria-describedby', 'start-blocker');
}

/** Role indices a participant holds (the server may send numbers or names). */
export function roleIndices(participant, roles) {
  return (participant.roles || []).map((r) => {
    if (typeof r === 'number') return r;
    if (r && typeof r === 'object') return r.index ?? r.role;
    const found = roles.find((role) => role.name === r);
    return found ? found.index : -1;
  });
}

function roleItem(role, participants, view) {
  const { you, game, send } = view;
  const seated = participants.filter((p) => roleIndices(p, game.roles).includes(role.index));
  const mine = seated.some((p) => p.participant_id === you.participant_id);
  const limit = role.observer ? Infinity : (role.max_players ?? 1);
  const hasRoom = seated.length < limit;

  const seats = el('div', { class: 'seats' },
    seated.map((p) => el('span', { class: `seat${p.participant_id === you.participant_id ? ' me' : ''}`, 'data-testid': `seat-${role.index}` },
      el('span', { class: `dot${p.connected !== false ? ' on' : ''}`, 'aria-hidden': 'true' }),
      p.name, p.kind === 'bot' ? el('span', { class: 'badge' }, 'bot') : null,
      p.participant_id === you.participant_id ? ' (you)' : '',
      you.owner && p.kind !== 'bot' ? el('button', {
        type: 'button', class: 'btn ghost small', 'aria-label': `Unseat ${p.name}`, title: 'Unseat',
        onclick: () => send('assign_role', { participant_id: p.participant_id, role: null }),
      }, '✕') : null,
      you.owner && p.kind === 'bot' ? el('button', {
        type: 'button', class: 'btn ghost small', 'aria-label': `Remove ${p.name}`, title: 'Remove bot',
        onclick: () => send('remove_participant', { participant_id: p.participant_id }),
      }, '✕') : null)),
    hasRoom && !role.observer ? el('span', { class: 'seat empty' }, 'Open seat') : null);

  const actions = el('div', { class: 'role-actions' });
  if (mine) {
    actions.append(el('button', { type: 'button', class: 'btn small', id: `leave-role-${role.index}`, 'data-testid': `leave-role-${role.index}`,
      onclick: () => send('leave_role') }, 'Leave role'));
  } else if (hasRoom) {
    actions.append(el('button', { type: 'button', class: 'btn small primary', id: `take-role-${role.index}`, 'data-testid': `take-role-${role.index}`,
      onclick: () => send('take_role', { role: role.index }) }, role.observer ? 'Watch' : 'Take this role'));
  }
  if (you.owner && hasRoom) {
    const people = participants.filter((p) => p.kind !== 'bot' && !roleIndices(p, game.roles).includes(role.index));
    if (people.length) {
      const select = el('select', { id: `assign-${role.index}`, 'data-testid': `assign-${role.index}`, 'aria-label': `Seat someone as ${role.name}` },
        el('option', { value: '' }, 'Seat someone…'),
        people.map((p) => el('option', { value: p.participant_id }, p.name)));
      select.addEventListener('change', () => {
        if (select.value) send('assign_role', { participant_id: select.value, role: role.index });
      });
      actions.append(select);
    }
    const kinds = view.botKinds || Object.keys(BOT_LABELS);
    if (!role.observer && kinds.length) {
      const kind = el('select', { id: `bot-kind-${role.index}`, 'data-testid': `bot-kind-${role.index}`, 'aria-label': `Bot kind for ${role.name}` },
        kinds.map((value) => el('option', { value }, BOT_LABELS[value] || `${value} bot`)));
      actions.append(kind, el('button', {
        type: 'button', class: 'btn small', id: `seat-bot-${role.index}`, 'data-testid': `seat-bot-${role.index}`,
        onclick: () => send('seat_bot', { role: role.index, kind: kind.value }),
      }, 'Add bot'));
    }
  }

  return el('li', { class: 'role-item', 'data-testid': `role-${role.index}` },
    el('div', { class: 'role-head' },
      el('span', { class: 'name' }, role.name),
      role.observer ? el('span', { class: 'badge' }, 'Observers') : null,
      !role.observer ? el('span', { class: 'badge' }, `${seated.length}/${limit === Infinity ? '∞' : limit}`) : null),
    role.description ? el('p', { class: 'role-desc' }, role.description) : null,
    seats, actions);
}

function personItem(p, view) {
  const { you, game, send } = view;
  const roleNames = roleIndices(p, game.roles)
    .map((i) => (game.roles.find((r) => r.index === i) || {}).name).filter(Boolean);
  const kindLabel = p.kind === 'bot' ? `${p.bot_kind || ''} bot`.trim() : p.kind === 'user' ? 'account' : 'guest';
  return el('li', { class: 'person-item', 'data-testid': `person-${p.participant_id}` },
    el('span', { class: `dot${p.connected !== false ? ' on' : ''}`, title: p.connected !== false ? 'Connected' : 'Disconnected' }),
    el('div', { class: 'who' },
      el('div', { class: 'name' }, p.name, p.participant_id === you.participant_id ? ' (you)' : ''),
      el('div', { class: 'muted small' }, roleNames.length ? roleNames.join(', ') : 'No role yet')),
    p.owner ? el('span', { class: 'badge primary' }, 'Owner') : null,
    el('span', { class: 'badge' }, kindLabel),
    you.owner && !p.owner ? el('button', {
      type: 'button', class: 'btn small danger', 'data-testid': `remove-${p.participant_id}`,
      'aria-label': `Remove ${p.name} from the session`,
      onclick: () => send('remove_participant', { participant_id: p.participant_id }),
    }, 'Remove') : null);
}
