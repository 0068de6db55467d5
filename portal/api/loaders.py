"""Per-request loaders: batch the lookups of a list into one query, remembered for the request.

graphene 3 runs synchronously and has no promise-based DataLoader, so batching is explicit: a
list field calls ``Loader.prime(keys)`` for all its items (one query), and each item's resolver then
calls ``load(key)``, which is answered from memory. A resolver that is not primed still works: it
loads its one key. Loaders live on the request, so nothing leaks between callers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, ClassVar

_MISSING = object()


class Loader:
    """Loads values by key, many at once; subclasses implement ``load_many``."""

    context_key: ClassVar[str]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.context_key = f"_loader_{cls.__module__}.{cls.__qualname__}"

    def __init__(self, request):
        self.request = request
        self.values: dict[Hashable, Any] = {}

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

    def prime(self, keys: Iterable[Hashable]) -> None:
        missing = list(dict.fromkeys(key for key in keys if key not in self.values))
        if missing:
            found = self.load_many(missing)
            for key in missing:
                self.values[key] = found.get(key)

    def load(self, key: Hashable) -> Any:
        value = self.values.get(key, _MISSING)
        if value is _MISSING:
            self.prime([key])
            value = self.values[key]
        return value


class DeferredLoader(Loader):
    """A loader that collects wanted keys and fetches them all at the first ``load``."""

    def __init__(self, request):
        super().__init__(request)
        self.pending: set = set()

    def want(self, keys) -> None:
        self.pending.update(key for key in keys if key is not None and key not in self.values)

    def load(self, key):
        if key is None:
            return None
        if key not in self.values:
            keys, self.pending = self.pending | {key}, set()
            self.prime(keys)
        return self.values[key]
