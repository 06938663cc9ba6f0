// Search as you type on a phone: how far to scroll so the result count and the first result show
// above the on-screen keyboard. Pure (numbers in, a number out): browse.js measures the page, the node
// tests (tests/js/keep-in-view.test.mjs) pin the rule.

const MARGIN = 8; // px left above the search box, so its focus ring shows
const FIRST_RESULT_LINES = 48; // px of the first result that must show: its name, at least

// All positions are relative to the visible area's top (getBoundingClientRect), `visible` its height
// (visualViewport.height: what the keyboard leaves). Returns the px to scroll down, 0 when the count
// and the start of the first result already show. The search box is never scrolled out of sight:
// the student is typing in it.
export function scrollToShowResults({ searchTop, countTop, firstTop, visible }) {
  if (countTop >= 0 && firstTop + FIRST_RESULT_LINES <= visible) return 0;
  return Math.max(0, searchTop - MARGIN);
}
