// The program page's "What you would pay": shows the button that starts the estimate. The form, the
// rules and the figures (estimate-view.js, aid-rules.js, the build's aid.json) load only when it is
// pressed or the address already carries answers, so a first visit stays small. Without JavaScript
// the section lists the program's eligibility and says how to get an estimate.
const section = document.querySelector("[data-estimate]");
const start = section?.querySelector("[data-estimate-start]");

function load(focus) {
  start.hidden = true;
  import("./estimate-view.js").then((view) => view.start(section, focus));
}

if (start) {
  section.querySelector("[data-estimate-without-js]").hidden = true;
  if (/(?:^|[?&])(?:gi|pell|wioa|employer)=/.test(location.search.slice(1))) load(false);
  else {
    start.hidden = false;
    start.querySelector("button").addEventListener("click", () => load(true), { once: true });
  }
}
