// The week plan (templates/plan/week.html): drag a card to another day. The drop fills in the card's own date
// form and submits it, so the move posts the version the user saw, exactly as the keyboard / no-script form does.
(function () {
  'use strict';

  function init() {
    var week = document.getElementById('plan-week');
    if (!week) {
      return;
    }
    week.addEventListener('dragstart', function (event) {
      var card = event.target.closest ? event.target.closest('.plan-card[draggable="true"]') : null;
      if (!card) {
        return;
      }
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', card.getAttribute('data-plan'));
      card.classList.add('plan-dragging');
    });
    week.addEventListener('dragend', function (event) {
      var card = event.target.closest ? event.target.closest('.plan-card') : null;
      if (card) {
        card.classList.remove('plan-dragging');
      }
      week.querySelectorAll('.plan-drop').forEach(function (day) { day.classList.remove('plan-drop'); });
    });
    week.addEventListener('dragover', function (event) {
      var day = event.target.closest ? event.target.closest('.plan-day') : null;
      // A plan is never moved into the past: a past day takes no drop.
      if (day && day.getAttribute('data-past') !== 'true') {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        day.classList.add('plan-drop');
      }
    });
    week.addEventListener('dragleave', function (event) {
      var day = event.target.closest ? event.target.closest('.plan-day') : null;
      if (day && !day.contains(event.relatedTarget)) {
        day.classList.remove('plan-drop');
      }
    });
    week.addEventListener('drop', function (event) {
      var day = event.target.closest ? event.target.closest('.plan-day') : null;
      if (!day || day.getAttribute('data-past') === 'true') {
        return;
      }
      event.preventDefault();
      var id = event.dataTransfer.getData('text/plain');
      var form = document.getElementById('move-' + id);
      if (!form || !/^\d+$/.test(id)) {
        return;
      }
      var input = form.querySelector('input[name="day"]');
      if (input.value === day.getAttribute('data-day')) {
        day.classList.remove('plan-drop');
        return;
      }
      input.value = day.getAttribute('data-day');
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  }
  else {
    init();
  }
})();
