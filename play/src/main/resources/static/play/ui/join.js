// Says what is wrong before the round trip; the server checks the name again.
document.getElementById('join-form').addEventListener('submit', function (e) {
  var input = document.getElementById('name-input');
  var error = document.getElementById('name-error');
  var name = input.value.trim();
  error.textContent = name ? '' : 'Please enter a name.';
  input.setAttribute('aria-invalid', name ? 'false' : 'true');
  if (!name) { e.preventDefault(); input.focus(); return; }
  input.value = name;
  document.getElementById('join-button').disabled = true;
});
