"""Every mutation of the schema declares its rules and has a sample in one app's matrix."""

import importlib
from pathlib import Path

from django.conf import settings

from portal.api.mutations import Mutation, Requires
from tests.permission_matrix import declared_mutations


def matrix_tables() -> dict[str, set[str]]:
    """Module name → the mutation names its SAMPLES table covers."""
    tables = {}
    for path in sorted(Path(settings.BASE_DIR, "tests").rglob("test_permission_matrix*.py")):
        module_name = ".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts)
        module = importlib.import_module(module_name)
        if hasattr(module, "SAMPLES"):
            tables[module_name] = set(module.SAMPLES)
    return tables


def test_every_mutation_declares_its_rules():
    for name, mutation in declared_mutations().items():
        assert issubclass(mutation, Mutation), name
        assert isinstance(mutation._meta.requires, Requires), name


def test_every_mutation_has_a_sample_in_exactly_one_matrix():
    tables = matrix_tables()
    covered = [name for names in tables.values() for name in names]
    assert sorted(covered) == sorted(set(covered)), "a mutation is in two matrices"
    assert sorted(covered) == sorted(declared_mutations())
