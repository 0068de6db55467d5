"""Every operation a frontend relies on validates against the live schema."""

from pathlib import Path

import pytest
from django.conf import settings
from graphql import OperationDefinitionNode, parse, validate

from portal.api.schema import schema

OPERATIONS = sorted(
    (Path(settings.BASE_DIR) / "frontend_contract" / "operations").glob("*.graphql")
)


def test_there_are_operations_to_check():
    assert OPERATIONS


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda path: path.name)
def test_operation_validates_against_the_schema(path):
    document = parse(path.read_text(encoding="utf-8"))
    errors = validate(schema.graphql_schema, document)
    assert [error.message for error in errors] == []


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda path: path.name)
def test_every_operation_is_named(path):
    # Named operations are what the persisted-query allow-list and the logs identify.
    document = parse(path.read_text(encoding="utf-8"))
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert operations and all(operation.name for operation in operations)


def test_subscription_documents_are_in_the_contract_and_checked():
    """The chat widget's live documents are validated like the rest (above) and are trusted
    documents a WebSocket client sends by id; a subscription that no longer fits the schema
    fails here, as a query would."""
    from graphql import OperationType

    from portal.api.documents import trusted_documents

    subscriptions = {
        definition.name.value
        for path in OPERATIONS
        for definition in parse(path.read_text(encoding="utf-8")).definitions
        if isinstance(definition, OperationDefinitionNode)
        and definition.operation == OperationType.SUBSCRIPTION
    }
    assert {"ReferenceConversationEvents", "LibrarianQueueEvents"} <= subscriptions
    trusted = {document.name for document in trusted_documents().values()}
    assert subscriptions <= trusted
    broken = parse("subscription Broken($id: ID!) { conversationEvents(id: $id) { noSuchField } }")
    errors = [error.message for error in validate(schema.graphql_schema, broken)]
    assert errors == ["Cannot query field 'noSuchField' on type 'ReferenceConversationEvent'."]
