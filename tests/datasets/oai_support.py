"""Reading and validating OAI-PMH responses in tests."""

from functools import cache
from pathlib import Path

from lxml import etree

from cms.datasets import oai

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"o": oai.OAI, "dc": oai.DC, "oai_dc": oai.OAI_DC, "m": oai.MARC}


@cache
def schema() -> etree.XMLSchema:
    """OAI-PMH 2.0 with oai_dc and MARCXML: the published schemas, vendored (schemas/)."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "harvest.xsd")))


def ask(**params) -> etree._Element:
    """The response to ``params`` (a list value repeats an argument), validated."""
    body = oai.respond(
        {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    )
    tree = etree.fromstring(body)
    schema().assertValid(tree)
    return tree


def error_code(tree) -> str | None:
    found = tree.find("o:error", NS)
    return None if found is None else found.get("code")


def identifiers(tree) -> list[str]:
    return [e.text for e in tree.iterfind(".//o:header/o:identifier", NS)]
