/* Application form of the neighbourhood fund: add cost/income rows and show the totals
   while typing. The form works without this script: then "add row" and "recalculate"
   are ordinary submit buttons answered by the server. */
(function () {
  "use strict";
  var form = document.querySelector("[data-application-form]");
  if (!form) { return; }

  var euro = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var grouped = /^-?\d{1,3}(\.\d{3})+$/;

  /* Same rules as the server: a comma is the decimal sign; dots grouping digits in
     threes are thousands separators; otherwise a dot is the decimal sign. */
  function parseAmount(value) {
    var text = String(value || "").replace(/[€\s\u00a0']/g, "");
    if (!text) { return null; }
    if (text.indexOf(",") !== -1) {
      var parts = text.split(",");
      if (parts.length > 2 || (parts[0].indexOf(".") !== -1 && !grouped.test(parts[0]))) { return null; }
      text = parts[0].replace(/\./g, "") + "." + parts[1];
    } else if (grouped.test(text)) {
      text = text.replace(/\./g, "");
    }
    if (!/^-?\d*\.?\d*$/.test(text)) { return null; }
    var number = parseFloat(text);
    return isNaN(number) ? null : number;
  }

  function cents(number) { return Math.round(number * 100); }
  function show(centsValue) { return euro.format(centsValue / 100) + " €"; }

  function recalculate() {
    var expenses = 0, own = 0, other = 0;
    form.querySelectorAll("[data-formset='expenses'] tbody tr").forEach(function (row) {
      var price = parseAmount((row.querySelector("[data-unit-price]") || {}).value);
      var quantity = parseAmount((row.querySelector("[data-quantity]") || {}).value);
      var output = row.querySelector("[data-line-total]");
      if (price === null) { if (output) { output.textContent = ""; } return; }
      var total = cents(price * (quantity === null ? 1 : quantity));
      expenses += total;
      if (output) { output.textContent = show(total); }
    });
    form.querySelectorAll("[data-formset='incomes'] tbody tr").forEach(function (row) {
      var kind = row.querySelector("[data-income-kind]");
      var amount = parseAmount((row.querySelector("[data-amount]") || {}).value);
      if (amount === null || !kind) { return; }
      var ownKinds = (kind.getAttribute("data-own-kinds") || "").split(" ");
      if (ownKinds.indexOf(kind.value) !== -1) { own += cents(amount); } else { other += cents(amount); }
    });
    var requested = cents(parseAmount((form.querySelector("[data-requested]") || {}).value) || 0);
    var income = own + other + requested;
    var values = { expenses: expenses, own: own, other: other, requested: requested,
                   income: income, difference: expenses - income };
    Object.keys(values).forEach(function (key) {
      var cell = form.querySelector("[data-total='" + key + "']");
      if (cell) { cell.textContent = show(values[key]); }
    });
  }

  function addRow(prefix) {
    var template = document.getElementById(prefix + "-empty");
    var totalField = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var maxField = form.querySelector("#id_" + prefix + "-MAX_NUM_FORMS");
    var body = form.querySelector("[data-formset='" + prefix + "'] tbody");
    if (!template || !totalField || !body) { return false; }
    var index = parseInt(totalField.value, 10);
    if (maxField && index >= parseInt(maxField.value, 10)) { return true; }
    var html = template.innerHTML.replace(/__prefix__/g, String(index))
                                 .replace(/__number__/g, String(index + 1));
    body.insertAdjacentHTML("beforeend", html);
    totalField.value = String(index + 1);
    var first = body.lastElementChild && body.lastElementChild.querySelector("select, input");
    if (first) { first.focus(); }
    return true;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (button && addRow(button.getAttribute("data-add-row"))) { event.preventDefault(); }
  });
  form.addEventListener("input", recalculate);
  form.addEventListener("change", recalculate);
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  var recalc = form.querySelector("[data-recalculate]");
  if (recalc) { recalc.hidden = true; }
  recalculate();
})();
