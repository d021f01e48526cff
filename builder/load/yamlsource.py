"""YAML loading that remembers line numbers, so errors can point at them."""

from __future__ import annotations

import yaml


class Map(dict):
    """A YAML mapping; `line` is where it starts, `key_line(k)` where key k is, `written(k)` how
    its value was typed."""

    line: int = 0
    key_lines: dict
    typed: dict

    def key_line(self, key) -> int:
        return self.key_lines.get(key, self.line)

    def written(self, key) -> str | None:
        """A plain value as the author typed it (`yes`, `'80'`, `1.10`), quotes included; None
        for a list or mapping. Messages quote this, not what YAML made of it (True, 1.1)."""
        typed = getattr(self, "typed", {}).get(key)
        if typed is None:
            return None
        text, style = typed
        return f"{style}{text}{style}" if style in ("'", '"') else text


class Seq(list):
    line: int = 0


# libyaml's parser when PyYAML has it (10x faster); the pure-Python one otherwise.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_map(loader, node):
    loader.flatten_mapping(node)
    result = Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.typed = {}
    duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key is a list or a mapping (keys are plain words)", key_node.start_mark) from None
        if key in result:
            duplicates.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode):
            result.typed[key] = (value_node.value, value_node.style)
    if duplicates:
        key, line = duplicates[0]
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate key '{key}'", node.value[0][0].start_mark.__class__(
                node.start_mark.name, 0, line - 1, 0, None, None))
    return result


def _construct_seq(loader, node):
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def parse(text: str):
    """Parse YAML; raises yaml.YAMLError (with a problem_mark) on bad syntax."""
    return yaml.load(text, Loader=_LineLoader)


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", None) or default
