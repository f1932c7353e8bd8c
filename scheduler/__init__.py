"""Stage 6, the yearly harvest with APScheduler.

Not built yet (issue 7). It will call the same functions as the `ogi` CLI.
"""
