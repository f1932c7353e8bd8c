"""Stage 4, index: push `ogi.document.Document`s into the embedded index or Meilisearch.

Not built yet (issue 5). It reads documents through `Document.from_dict` / `figure_values()`.
"""
