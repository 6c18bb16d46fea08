/* A filter box above every <select data-filter>: typing hides the options (and groups) that do
   not contain the text; chosen options always stay visible. Without JS the select works as is. */
(function () {
  "use strict";
  function attach(select) {
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "_filter";
    input.setAttribute("aria-controls", select.id);
    input.placeholder = select.getAttribute("data-filter");
    input.className = "filter-box";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "visually-hidden";
    label.textContent = select.getAttribute("data-filter");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var shown = 0;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var text = (group.label + " " + option.textContent).toLowerCase();
          var match = option.selected || words.every(function (w) { return text.indexOf(w) >= 0; });
          option.hidden = !match;
          if (match) { shown += 1; }
        });
        group.hidden = shown === 0;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), attach);
  });
})();
