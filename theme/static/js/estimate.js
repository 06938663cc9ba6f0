// The program page's "What you would pay" form: shown here, the rest (estimate-view.js, aid-rules.js
// and the build's aid.json) loaded only once the visitor starts to answer or the address carries
// answers, so a first visit stays small. Without JavaScript the section lists the program's
// eligibility and says how to get an estimate.
const section = document.querySelector("[data-estimate]");
const form = section?.querySelector("[data-estimate-form]");

if (form) {
  let loading = null;
  const load = () => (loading ??= import("./estimate-view.js").then((view) => view.start(section)));
  section.querySelector("[data-estimate-without-js]").hidden = true;
  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  if (/(?:^|[?&])(?:gi|pell|wioa|employer)=/.test(location.search.slice(1))) load();
  else for (const type of ["focusin", "input", "pointerdown"]) form.addEventListener(type, load, { once: true });
}
