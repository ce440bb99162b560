"""The South Yorkshire 2020 result for the 'html' format, and a small DOM to read a page, for the tests of the page and its charts."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from ratings_engine.cli import cli

from support import CRC_2019, EXAMPLES, SOUTH_YORKSHIRE_2020

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"


# A small DOM built with html.parser ----------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def words(self) -> str:
        return " ".join(self.text().split())

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [node for node in self.iter()
                if (tag is None or node.tag == tag) and (cls is None or cls in node.classes())
                and all(node.attrs.get(key.replace("_", "-")) == value for key, value in attrs.items())]

    def find(self, *args, **kwargs) -> Node:
        found = self.find_all(*args, **kwargs)
        assert found, f"nothing matches {args} {kwargs}"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root
        self.declarations: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


# The page of South Yorkshire 2020 ----------------------------------------------------------------


def evaluate_json(runner, *args: str) -> dict:
    result = runner.invoke(cli, ["evaluate", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def south_yorkshire_document(runner) -> dict:
    """The result document of South Yorkshire 2020, with the 2019 inspection as 'previous'."""
    return evaluate_json(runner, str(SOUTH_YORKSHIRE_2020), "--previous", str(SOUTH_YORKSHIRE_2019))


def crc_2019_band_table() -> list[str]:
    """The band boundaries of hmip-crc@2019, read by the test from the framework file (the result
    document does not carry the band table): every band's 'at_least'."""
    bands = json.loads(CRC_2019.read_text(encoding="utf-8"))["banding"]["bands"]
    return [str(band["at_least"]) for band in bands]
