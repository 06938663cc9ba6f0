// Pins the Spanish query -> index words mapping (theme/static/js/query-words.js) the browse page uses.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { fold, prepareWords, toIndexWords, typedParts } from "../../theme/static/js/query-words.js";

// The real map (data/search_words.es.csv), read as the build reads it: first column -> second.
const rows = readFileSync(new URL("../../data/search_words.es.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
const WORDS = Object.fromEntries(rows.map((line) => line.split(",").map((cell) => cell.trim())));
const PREPARED = prepareWords(WORDS);
const STOPS = "a,al,con,de,del,el,en,la,las,lo,los,para,por,que,un,una,y";

describe("toIndexWords", () => {
  test("Spanish field words become the index's words", () => {
    assert.equal(toIndexWords("codificación", PREPARED, STOPS), "coding");
    assert.equal(toIndexWords("facturación médica", PREPARED, STOPS), "billing medical");
  });

  test("phrases win over their words, longest first", () => {
    assert.equal(toIndexWords("codificación en línea", PREPARED, STOPS), "coding online");
    assert.equal(toIndexWords("curso presencial", PREPARED, STOPS), "course in person");
    assert.equal(toIndexWords("ajuste de riesgos", PREPARED, STOPS), "risk adjustment");
  });

  test("words typed without accents or in capitals find the same entries", () => {
    assert.equal(toIndexWords("CODIFICACION EN LINEA", PREPARED, STOPS), "coding online");
    assert.equal(toIndexWords("hibrido", PREPARED, STOPS), "hybrid");
  });

  test("short words are left out; codes, names and unknown words stay as typed", () => {
    assert.equal(toIndexWords("CPC en Tampa para la certificación", PREPARED, STOPS), "CPC Tampa certification");
    assert.equal(toIndexWords("CCS-P", PREPARED, STOPS), "CCS-P");
  });

  test("without a map (an English page) the query is untouched", () => {
    assert.equal(toIndexWords("coding in person", prepareWords({}), STOPS), "coding in person");
    assert.equal(toIndexWords("en línea", undefined, STOPS), "en línea");
  });

  test("fold drops accents and case only", () => {
    assert.equal(fold("Codificación Ñandú"), "codificacion nandu");
  });
});

describe("typedParts", () => {
  test("a mapped phrase is one part, every other word its own", () => {
    assert.deepEqual(typedParts("cpc en línea menos 3000", PREPARED), ["cpc", "en línea", "menos", "3000"]);
    assert.deepEqual(typedParts("cpc online under 3000", new Map()), ["cpc", "online", "under", "3000"]);
  });
});
