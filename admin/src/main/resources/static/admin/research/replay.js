// Replay viewer: ← / → step through events; the slider jumps on release. Links work without JS too.
(function () {
  'use strict';
  function go(id) {
    var link = document.getElementById(id);
    if (link && !link.classList.contains('disabled')) {
      window.location.assign(link.href);
    }
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT'))) {
      return;
    }
    if (e.key === 'ArrowLeft') { e.preventDefault(); go('prev'); }
    if (e.key === 'ArrowRight') { e.preventDefault(); go('next'); }
    if (e.key === 'Home') { e.preventDefault(); go('first'); }
    if (e.key === 'End') { e.preventDefault(); go('lastbtn'); }
  });
  var slider = document.getElementById('slider');
  if (slider) {
    slider.addEventListener('change', function () { document.getElementById('slider-form').submit(); });
  }
}());
