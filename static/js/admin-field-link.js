// An address that names a field (".../change/#id_description_en", as the
// broken-link list and the box of missing legal facts link to it) opens the
// language tab that holds the field and puts the cursor there. Without this
// the German tab stays in front and the English field is hidden.
(function () {
    "use strict";

    function showField() {
        const id = decodeURIComponent(window.location.hash.slice(1));
        const field = id && document.getElementById(id);
        if (!field) {
            return;
        }
        const panel = field.closest(".ui-tabs-panel");
        if (panel && panel.id) {
            const tab = document.querySelector('.ui-tabs-nav a[href="#' + CSS.escape(panel.id) + '"]');
            if (tab) {
                tab.click();
            }
        }
        field.scrollIntoView({block: "center"});
        field.focus({preventScroll: true});
    }

    // After the page's own scripts have made the tabs. The language tabs are
    // made in a jQuery "ready" handler, which jQuery runs asynchronously and
    // sometimes only after the window's "load" event; a handler queued in the
    // same list runs after the tabs for certain (this script is deferred, so
    // it is queued after the form's own scripts).
    const jQuery = window.django && window.django.jQuery;
    if (jQuery) {
        jQuery(showField);
    } else {
        document.addEventListener("DOMContentLoaded", showField);
    }
    window.addEventListener("hashchange", showField);
}());
