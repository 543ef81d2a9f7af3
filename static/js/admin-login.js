/* The admin login: an error above the form ("Please enter the correct
   username and password") is tied to every field, so that a screen reader
   announces it with the field, and the fields are marked invalid. Works for
   any login form (e.g. one with a second factor): it reads only the page. */
(function () {
  "use strict";
  var notes = document.querySelectorAll("#content .errornote");
  if (!notes.length) {
    return;
  }
  var ids = [];
  notes.forEach(function (note, index) {
    if (!note.id) {
      note.id = "login-error-" + (index + 1);
    }
    ids.push(note.id);
  });
  document.querySelectorAll("#login-form input:not([type=hidden]):not([type=submit])").forEach(function (field) {
    var own = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", ids.concat(own ? [own] : []).join(" "));
    field.setAttribute("aria-invalid", "true");
  });
})();
