"""The record: models, storage, dates and the services that change the record.

Nothing here imports Textual or the `minutes` application; the exports and any
front end build on these modules.
"""

__version__ = "0.1.0"
