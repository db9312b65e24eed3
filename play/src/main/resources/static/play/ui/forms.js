// Parameter forms for operators with params (SZ6-CONTRACT section 5): numbers with their ranges,
// one-line text, and a full-page editor for a file_edit parameter seeded with the last draft.
// The browser checks what it can so the player gets quick feedback; the server decides.
import { $, el, openDialog, closeDialog } from './ui.js';

const drafts = new Map();  // unsent editor text, per operator name and parameter, kept on cancel

/** Asks for an operator's arguments; resolves to the args array, or null when cancelled. */
export function askForArgs(op) {
  const params = op.params || [];
  if (params.length === 1 && params[0].type === 'file_edit') return editFile(op, params[0]);
  return fillForm(op, params);
}

function fillForm(op, params) {
  const dialog = $('param-dialog');
  const form = $('param-form');
  $('param-title').textContent = op.name;
  $('param-desc').textContent = op.description || '';
  const fields = $('param-fields');
  fields.replaceChildren(...params.map((p, i) => field(p, i)));

  return new Promise((resolve) => {
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      form.onsubmit = null; $('param-cancel').onclick = null; dialog.onclose = null;
      closeDialog(dialog);
      resolve(value);
    };
    form.onsubmit = (e) => {
      e.preventDefault();
      const args = [];
      let firstBad = null;
      params.forEach((p, i) => {
        const input = $(`param-${i}`);
        const { value, error } = readValue(p, input.value);
        $(`param-${i}-error`).textContent = error || '';
        input.setAttribute('aria-invalid', error ? 'true' : 'false');
        if (error && !firstBad) firstBad = input;
        args.push(value);
      });
      if (firstBad) { firstBad.focus(); return; }
      finish(args);
    };
    $('param-cancel').onclick = () => finish(null);
    dialog.onclose = () => finish(null);
    openDialog(dialog);
    const first = $('param-0');
    if (first) { first.focus(); if (first.select) first.select(); }
  });
}

function field(p, i) {
  const id = `param-${i}`;
  const type = p.type || 'str';
  let input;
  if (type === 'int' || type === 'float') {
    input = el('input', {
      id, type: 'number', inputmode: type === 'int' ? 'numeric' : 'decimal', step: type === 'int' ? '1' : 'any',
      min: p.min ?? null, max: p.max ?? null, required: true, 'data-testid': id,
    });
  } else if (type === 'file_edit') {
    input = el('textarea', { id, rows: 8, 'data-testid': id });
    input.value = p.initial_text ?? '';
  } else {
    input = el('input', { id, type: 'text', autocomplete: 'off', 'data-testid': id });
  }
  return el('label', { class: 'field', for: id },
    el('span', {}, p.name || `Value ${i + 1}`, ' ', el('span', { class: 'hint inline' }, rangeHint(p))),
    input,
    el('div', { class: 'field-error', id: `${id}-error`, role: 'alert' }));
}

function rangeHint(p) {
  const kind = p.type === 'int' ? 'whole number' : p.type === 'float' ? 'number' : '';
  const hasMin = p.min !== null && p.min !== undefined;
  const hasMax = p.max !== null && p.max !== undefined;
  if (hasMin && hasMax) return `(${kind} from ${p.min} to ${p.max})`;
  if (hasMin) return `(${kind} ≥ ${p.min})`;
  if (hasMax) return `(${kind} ≤ ${p.max})`;
  return kind ? `(${kind})` : '';
}

/** Converts the typed text to the parameter's type; returns {value, error}. */
export function readValue(p, raw) {
  const type = p.type || 'str';
  if (type === 'str' || type === 'file_edit') return { value: raw };
  const text = String(raw).trim();
  if (text === '') return { value: null, error: 'Please enter a number.' };
  const n = Number(text);
  if (!Number.isFinite(n)) return { value: null, error: 'That is not a number.' };
  if (type === 'int' && !Number.isInteger(n)) return { value: null, error: 'Please enter a whole number.' };
  if (p.min !== null && p.min !== undefined && n < p.min) return { value: null, error: `At least ${p.min}.` };
  if (p.max !== null && p.max !== undefined && n > p.max) return { value: null, error: `At most ${p.max}.` };
  return { value: n };
}

function editFile(op, p) {
  const dialog = $('file-editor');
  const text = $('file-editor-text');
  const key = `${op.name}\u0000${p.name}`;
  $('file-editor-title').textContent = op.name;
  $('file-editor-path').textContent = [p.file_path, op.description].filter(Boolean).join(' · ');
  const saved = drafts.get(key);
  // The server's initial_text is the last saved draft; an unsent local edit of it wins.
  text.value = saved && saved.base === (p.initial_text ?? '') ? saved.text : (p.initial_text ?? '');
  const count = () => {
    const words = text.value.trim() ? text.value.trim().split(/\s+/).length : 0;
    $('file-editor-count').textContent = `${words} words · ${text.value.length} characters`;
  };
  text.oninput = count;
  count();

  return new Promise((resolve) => {
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      $('file-editor-form').onsubmit = null; $('file-editor-cancel').onclick = null; dialog.onclose = null;
      if (value === null) drafts.set(key, { base: p.initial_text ?? '', text: text.value });
      else drafts.delete(key);
      closeDialog(dialog);
      resolve(value);
    };
    $('file-editor-form').onsubmit = (e) => { e.preventDefault(); finish([text.value]); };
    $('file-editor-cancel').onclick = () => finish(null);
    dialog.onclose = () => finish(null);
    openDialog(dialog);
    text.focus();
  });
}
