"""Trusted documents: the frontend contract's operations, known by the SHA-256 of their text.

Every named operation in ``frontend_contract/operations/*.graphql`` becomes one document: the
operation and the fragments it uses (transitively), printed by graphql-core in a stable form.
Its id is the hex SHA-256 of that text, which is also what Apollo's and urql's Automatic
Persisted Queries send (``extensions.persistedQuery.sha256Hash``) for a document whose text they
were given as printed here. ``manage.py print_manifest`` writes the same map to
``frontend_contract/manifest.json`` for frontend teams; the server builds it from the operation
files when it starts, so the two never disagree on a deployed server.

A client sends ``GET /graphql/?documentId=<hash>&variables=…`` (``id=`` and the
``sha256:<hash>`` form are accepted too), or the hash in ``extensions.persistedQuery``. With
``GRAPHQL_TRUSTED_DOCUMENTS_ONLY`` (on in production), callers other than staff may run only
these documents.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    parse,
    print_ast,
    visit,
)
from graphql.language import Visitor

HASH = re.compile(r"^(?:sha256:)?([0-9a-f]{64})$")


@dataclass(frozen=True)
class TrustedDocument:
    id: str  # hex SHA-256 of ``text``
    name: str  # the operation's name
    kind: str  # query, mutation, subscription
    text: str
    source: str  # the operation file it comes from


def operations_dir() -> Path:
    return Path(settings.BASE_DIR) / "frontend_contract" / "operations"


def document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_hash(value) -> str | None:
    """``abc…`` or ``sha256:abc…`` (64 hex digits, any case) → the lower-case hex, else None."""
    if not isinstance(value, str):
        return None
    match = HASH.match(value.strip().lower())
    return match.group(1) if match else None


class _SpreadCollector(Visitor):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_args):
        self.names.add(node.name.value)


def _spreads(node) -> set[str]:
    collector = _SpreadCollector()
    visit(node, collector)
    return collector.names


def documents_of(source: str, name: str = "") -> list[TrustedDocument]:
    """One trusted document per operation of a ``.graphql`` file's text."""
    parsed = parse(source)
    fragments = {
        definition.name.value: definition
        for definition in parsed.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    documents = []
    for definition in parsed.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if definition.name is None:
            raise ValueError(f"{name}: every trusted operation must be named")
        needed: list[str] = []
        pending = sorted(_spreads(definition))
        while pending:
            fragment = pending.pop(0)
            if fragment in needed:
                continue
            needed.append(fragment)
            pending.extend(sorted(_spreads(fragments[fragment]) - set(needed)))
        node = DocumentNode(definitions=(definition, *(fragments[f] for f in sorted(needed))))
        text = print_ast(node).strip() + "\n"
        documents.append(
            TrustedDocument(
                id=document_id(text),
                name=definition.name.value,
                kind=definition.operation.value,
                text=text,
                source=name,
            )
        )
    return documents


@cache
def trusted_documents() -> dict[str, TrustedDocument]:
    """Every trusted document by id (built once per process)."""
    found: dict[str, TrustedDocument] = {}
    names: dict[str, str] = {}
    for path in sorted(operations_dir().glob("*.graphql")):
        for document in documents_of(path.read_text(encoding="utf-8"), path.name):
            if document.name in names:
                raise ValueError(
                    f"operation {document.name} is in both {names[document.name]} and {path.name}"
                )
            names[document.name] = path.name
            found[document.id] = document
    return found


def manifest() -> dict:
    """The published form: ``{"format": …, "documents": {id: text}, "operations": {name: id}}``."""
    documents = trusted_documents()
    return {
        "format": "pustaka-trusted-documents/1",
        "algorithm": "sha256",
        "documents": {key: documents[key].text for key in sorted(documents)},
        "operations": {
            doc.name: doc.id for doc in sorted(documents.values(), key=lambda doc: doc.name)
        },
    }
