"""Pages: a linked glossary turned into every file of the site, as {path: bytes}.

The URL scheme (`urls`), what each page shows (`views`), templates
(`render`), each page's head (`structured`), machine-readable files
(`feeds`), share cards (`cards`, their text `glyphs`, their bytes `png`),
search data (`search` and `cbor` for Pagefind, `names` for the header's box),
exports for other tools (`exports`), previews for other sites (`embed`) and
fingerprinted assets (`assets`).  Writes nothing to disk.
May import `glossator.prose`, `glossator.diagram`, `glossator.content` and `glossator.core`.
"""
