// Progress for long operations: once a form is on its way (billing, PDFs, terminations take seconds), its submit
// button says so and a second click does not send it twice. Buttons stay enabled so their name/value is still sent.
(function () {
  'use strict';

  function busy(form, submitter) {
    form.setAttribute('aria-busy', 'true');
    form.dataset.submitting = 'true';
    var button = submitter || form.querySelector('button[type="submit"], button:not([type])');
    if (button) {
      button.dataset.label = button.textContent;
      button.classList.add('busy');
      button.textContent = 'Working…';
    }
  }

  function idle(form) {
    form.removeAttribute('aria-busy');
    delete form.dataset.submitting;
    form.querySelectorAll('button.busy').forEach(function (button) {
      button.textContent = button.dataset.label;
      button.classList.remove('busy');
    });
  }

  // Bubble phase: a form's own onsubmit (a confirm() answered "Cancel") has run and may have stopped the submission.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.hasAttribute('hx-post') || form.hasAttribute('hx-get')) {
      return;
    }
    if (form.dataset.submitting) {
      event.preventDefault(); // already sent: a double click must not create two top-ups
      return;
    }
    busy(form, event.submitter);
  });

  // Back to a page kept in the browser's cache: its forms are ready again.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      document.querySelectorAll('form[aria-busy]').forEach(idle);
    }
  });
})();
