// The build's field spec in the page's language (search/fields.json, plugins/programs_site/outputs/browser_fields.py):
// the fields, labels, compare rows and the rules' roles. Fetched once per page, whichever module asks
// first; a failure is not kept, so "Try again" asks again. Its own module, so pages that never need
// it (a program page's first visit) do not load it.
import { pageUrl } from "./common.js";

const specs = new Map();
export function fieldSpec() {
  const url = pageUrl("search/fields.json");
  if (!specs.has(url)) {
    const request = fetch(url).then((response) => (response.ok ? response.json() : Promise.reject(Object.assign(new Error(String(response.status)), { status: response.status }))));
    request.catch(() => specs.delete(url));
    specs.set(url, request);
  }
  return specs.get(url);
}
