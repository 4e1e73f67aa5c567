"""Persistence: the SQLite store. All SQL of the application lives in this package."""

from companion.core.store.database import StoreError
from companion.core.store.search import SearchHit
from companion.core.store.store import PackInfo, Store

__all__ = ["PackInfo", "SearchHit", "Store", "StoreError"]
