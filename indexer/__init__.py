"""Stage 4, index and search: documents into the embedded index (default) or Meilisearch.

`open_backend(settings)` gives the backend a data directory is configured for; both
implement `indexer.backend.SearchBackend` and answer `indexer.query.Query`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ogi.indexer.backend import SearchBackend
    from ogi.settings import Settings


def open_backend(settings: "Settings", *, public: bool = False) -> "SearchBackend":
    """The configured backend; `public` uses Meilisearch's search-only key."""
    if settings.search_backend == "meilisearch":
        from ogi.indexer.meili import MeiliIndex

        key = settings.meili_search_key if public and settings.meili_search_key else settings.meili_master_key
        return MeiliIndex(settings.meili_url or "", key, settings.meili_index)
    from ogi.indexer.embedded import EmbeddedIndex

    return EmbeddedIndex(settings.index_dir)
