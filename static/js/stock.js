/* static/js/stock.js: keeps the product page's stock line current. The line (#stock) names its
   Server-Sent Events stream in data-stream; each "stock" event is the line again, rendered and
   escaped by the server (templates/catalog/_stock.html), and replaces it. Without JavaScript or
   EventSource the page simply shows the stock it was rendered with. */
(function () {
  "use strict";
  var line = document.getElementById("stock");
  if (!line || !line.getAttribute("data-stream") || !window.EventSource) return;
  var source = new EventSource(line.getAttribute("data-stream"));
  source.addEventListener("stock", function (e) {
    var current = document.getElementById("stock");
    if (!current) return;
    var box = document.createElement("div");
    box.innerHTML = e.data;
    var fresh = box.firstElementChild;
    if (fresh && fresh.id === "stock") current.parentNode.replaceChild(fresh, current);
  });
})();
