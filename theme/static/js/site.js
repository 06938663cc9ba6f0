// Entry point on every page: starts the behaviours the page asks for, each in its own module.
const page = document.body.dataset.page;
const behaviours = {
  browse: () => import("./browse.js"),
  compare: () => import("./compare.js"),
  match: () => import("./match.js"),
  program: () => import("./estimate.js"),
};

// The header search runs in the browser (browse.js); without this script it could not work, so it
// is served hidden and shown here.
document.querySelector(".site-search")?.removeAttribute("data-needs-js");
import("./tray.js").catch(report);
if (behaviours[page]) behaviours[page]().catch(report);

function report(error) {
  console.error(error);
}
