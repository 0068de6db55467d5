"""The datasets' GraphQL layer: page types (types.py), batching (loaders.py), root fields
(queries.py). The page types are listed in ``cms.api.types.PAGE_TYPES`` (so `pages`, `node` and
`search` know them); ``DatasetQueries`` is composed into the root schema."""

from cms.datasets.api.queries import DatasetQueries

__all__ = ["DatasetQueries"]
