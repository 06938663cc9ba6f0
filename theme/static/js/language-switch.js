// The "Español" / "English" link at the top of every page is a plain link to the same page in the
// other language. This only adds what the server cannot know: the address's query and # part
// (a comparison's ids, the questionnaire's answers, a search, an advisor's note), as they are at
// the moment of the click, so the reader lands on the same view. Ids and parameters are the same in
// every language; a search typed in this page's language goes over in the data's words
// ("codificación" -> "coding"), which every language's search understands.
import { catalog, t } from "./i18n.js";

const STOP_WORDS = t("a,an,and,at,for,from,in,of,on,or,the,to,with");
// A query exists only where a search can be typed (browse) or came in the address: only there are
// the word lists fetched, so a program page's first visit does not carry them.
let query = null; // { words, toIndexWords } once loaded
if (document.body.dataset.page === "browse" || new URLSearchParams(location.search).has("q")) {
  import("./query-words.js")
    .then(({ prepareWords, toIndexWords }) => {
      query = { words: prepareWords(catalog.words), toIndexWords };
      for (const link of document.querySelectorAll("a[data-language-switch]")) link.dispatchEvent(new Event("focus"));
    })
    .catch((error) => console.error(error));
}

function carried(base) {
  const target = new URL(base);
  const params = new URLSearchParams(location.search);
  if (params.has("q") && query?.words.size) {
    params.set("q", query.toIndexWords(params.get("q"), query.words, STOP_WORDS));
    target.search = params.toString();
  } else {
    target.search = location.search; // as it is: ids=a,b keeps its commas
  }
  target.hash = location.hash;
  return target.href;
}

for (const link of document.querySelectorAll("a[data-language-switch]")) {
  const base = link.href;
  const carry = () => (link.href = carried(base));
  // Before any way of following or copying it: click, middle-click, keyboard, the context menu.
  for (const type of ["pointerdown", "focus", "click", "contextmenu"]) link.addEventListener(type, carry);
  carry();
}
