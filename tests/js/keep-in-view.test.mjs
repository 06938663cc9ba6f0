// Pins when search as you type scrolls on a phone (theme/static/js/keep-in-view.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { scrollToShowResults } from "../../theme/static/js/keep-in-view.js";

test("results below the keyboard: the search box goes to the top", () => {
  assert.equal(scrollToShowResults({ searchTop: 155, countTop: 664, firstTop: 838, visible: 420 }), 147);
});

test("results already in view: no scrolling", () => {
  assert.equal(scrollToShowResults({ searchTop: 8, countTop: 150, firstTop: 200, visible: 420 }), 0);
});

test("a search box already at the top is not scrolled further", () => {
  assert.equal(scrollToShowResults({ searchTop: 4, countTop: 500, firstTop: 560, visible: 420 }), 0);
});
