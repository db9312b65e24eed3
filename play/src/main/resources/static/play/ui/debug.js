// Debug page: on narrow screens the role frames become tabs (one visible at a time).
const tabs = Array.from(document.querySelectorAll('#debug-tabs [role=tab]'));

function select(tab) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).classList.toggle('active', on);
  }
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    select(next);
    next.focus();
  });
});
if (tabs.length) select(tabs.find((t) => t.getAttribute('aria-selected') === 'true') || tabs[0]);
