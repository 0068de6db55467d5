"""Shared GraphQL machinery: the HTTP view, caller identity, limits, errors, pagination, loaders."""
