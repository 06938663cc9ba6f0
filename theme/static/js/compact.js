// The build writes program lists as {keys: [...], programs: [[...], ...]}: keys once, values as rows.
// This turns them back into objects; shared by browse (in the page) and match rules (page and node).
export function rowsToObjects(keys, rows) {
  return rows.map((row) => {
    const record = {};
    keys.forEach((key, i) => {
      record[key] = row[i] ?? null;
    });
    return record;
  });
}
