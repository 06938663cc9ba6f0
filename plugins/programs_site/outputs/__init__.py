"""The files made from the model for people, crawlers and the browser: exports, the search and match files, the browser's field spec, JSON-LD, sitemap.

Pure functions from records and views to text; they write nothing themselves (the generator hands their text to the
writer) and import nothing from build/.
"""
