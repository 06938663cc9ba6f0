// The "Español" / "English" link at the top of every page is a plain link to the same page in the
// other language. This only adds what the server cannot know: the address's query and # part
// (a comparison's ids, the questionnaire's answers, a search, an advisor's note), as they are at
// the moment of the click, so the reader lands on the same view. Ids and parameters are the same in
// every language.
for (const link of document.querySelectorAll("a[data-language-switch]")) {
  const base = link.href;
  const carry = () => {
    const target = new URL(base);
    target.search = location.search;
    target.hash = location.hash;
    link.href = target.href;
  };
  // Before any way of following or copying it: click, middle-click, keyboard, the context menu.
  for (const type of ["pointerdown", "focus", "click", "contextmenu"]) link.addEventListener(type, carry);
  carry();
}
