// Shows "Estimate what you would pay after aid"; the form, rules and aid.json load on request (estimate-view.js).
const section = document.querySelector("[data-estimate]");
const start = section?.querySelector("[data-estimate-start]");

function load(focus) {
  start.hidden = true;
  import("./estimate-view.js").then((view) => view.start(section, focus));
}

if (start) {
  section.querySelector("[data-estimate-without-js]").hidden = true;
  if (/(?:^|[?&])(?:gi|pell|wioa|employer)=/.test(location.search)) load(false);
  else {
    start.hidden = false;
    start.querySelector("button").addEventListener("click", () => load(true), { once: true });
  }
}
