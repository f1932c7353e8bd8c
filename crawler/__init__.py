"""Stage 1, capture: Scrapy spiders that find reports on government portals.

Not built yet (issue 3). It will hand every capture to `ogi.extract.extract_bytes`.
"""
