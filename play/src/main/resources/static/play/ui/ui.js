// Small DOM helpers shared by the play pages. No framework: elements are built with el() and
// text always goes in as textContent, so nothing from the server is ever parsed as HTML here.

/** Creates an element: el('button', {class: 'btn', onclick: f}, 'Text', childEl). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

export function show(node, visible = true) { node.hidden = !visible; }

/** A dismissible toast; errors stay until dismissed, info fades after a few seconds. */
export function toast(message, { kind = 'error', title = null, timeout = null } = {}) {
  const box = $('toast');
  const close = el('button', { type: 'button', class: 'btn ghost small', 'aria-label': 'Dismiss' }, '✕');
  const item = el('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `toast-${kind}` },
    el('div', { class: 'msg' }, title ? el('strong', {}, title) : null, message), close);
  close.addEventListener('click', () => item.remove());
  box.append(item);
  while (box.children.length > 4) box.firstElementChild.remove();
  const ms = timeout ?? (kind === 'error' ? 0 : 4000);
  if (ms > 0) setTimeout(() => item.remove(), ms);
  return item;
}

/** Opens a <dialog> modally; a second call on an open dialog is harmless. */
export function openDialog(dialog) {
  if (!dialog.open) dialog.showModal();
}

export function closeDialog(dialog) {
  if (dialog.open) dialog.close();
}

/** Asks for confirmation with the shared confirm dialog; resolves true or false. */
export function confirmAction(title, text, okLabel = 'Confirm') {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = okLabel;
  return new Promise((resolve) => {
    const done = (answer) => {
      $('confirm-ok').onclick = null; $('confirm-cancel').onclick = null; dialog.onclose = null;
      closeDialog(dialog); resolve(answer);
    };
    $('confirm-ok').onclick = () => done(true);
    $('confirm-cancel').onclick = () => done(false);
    dialog.onclose = () => done(false);
    openDialog(dialog);
  });
}

/** Copies text to the clipboard; falls back to selecting an input for older or insecure contexts. */
export async function copyText(text, fallbackInput) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackInput) {
      fallbackInput.focus(); fallbackInput.select();
      try { return document.execCommand('copy'); } catch { return false; }
    }
    return false;
  }
}
