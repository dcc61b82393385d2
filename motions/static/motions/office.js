/* After a refused action the office's item page shows its panel again: bring it into view (on a
   phone it lies below the item). */
(function () {
  "use strict";
  var panel = document.querySelector(".office-panel.is-focus");
  if (panel) { panel.scrollIntoView({block: "start"}); }
})();
