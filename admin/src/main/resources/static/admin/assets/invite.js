// Copy buttons for invite links on My sessions (the input stays selectable when the clipboard is unavailable).
document.querySelectorAll('[data-copy-target]').forEach(button => {
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyTarget + '-status');
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = 'Copied.';
    } catch (e) {
      status.textContent = 'Press Ctrl+C to copy.';
    }
  });
});
