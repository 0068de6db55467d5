"""Per-request loaders: batch the lookups of a list into one query, remembered for the request.

graphene 3 runs synchronously and has no promise-based DataLoader, so batching is explicit and
lazy, with one vocabulary:

* a list field calls its node type's ``prime(items, info)`` hook after slicing the page; the hook
  calls ``SomeLoader.for_request(request).want(keys)`` for what every item may need — this
  records the keys and costs nothing;
* an item's resolver calls ``load(key)``: the first ``load`` fetches every key wanted so far in
  one query (``load_many``), later ones are answered from memory.

So a field nobody selects never queries, and a field everybody selects queries once. What a
list's own query already read (``select_related``, an annotation) is handed over with
``know``. A resolver that was not primed still works: it loads its one key. Loaders live on the
request, so nothing leaks between callers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, ClassVar


class Loader:
    """Loads values by key, many at once; subclasses implement ``load_many``."""

    context_key: ClassVar[str]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.context_key = f"_loader_{cls.__module__}.{cls.__qualname__}"

    def __init__(self, request):
        self.request = request
        self.values: dict[Hashable, Any] = {}
        self.pending: set[Hashable] = set()

    @classmethod
    def for_request(cls, request) -> Loader:
        loader = getattr(request, cls.context_key, None)
        if loader is None:
            loader = cls(request)
            setattr(request, cls.context_key, loader)
        return loader

    def load_many(self, keys: list[Hashable]) -> dict[Hashable, Any]:
        """Return a mapping of the keys found to their values, in one query."""
        raise NotImplementedError

    def want(self, keys: Iterable[Hashable]) -> None:
        """Remember keys to fetch with the next ``load``; no query now."""
        self.pending.update(key for key in keys if key is not None and key not in self.values)

    def know(self, found: dict[Hashable, Any]) -> None:
        """Values a list's own query already read (a join or an annotation): no query for them."""
        for key, value in found.items():
            self.values.setdefault(key, value)
            self.pending.discard(key)

    def load(self, key: Hashable) -> Any:
        """The value of ``key`` (None when there is none), fetching all wanted keys at once."""
        if key is None:
            return None
        if key not in self.values:
            keys, self.pending = self.pending | {key}, set()
            missing = list(keys)
            found = self.load_many(missing)
            for missing_key in missing:
                self.values[missing_key] = found.get(missing_key)
        return self.values[key]

    def forget(self) -> None:
        """Drop what was loaded (when the same loader is reused with other parameters)."""
        self.values = {}
        self.pending = set()
