"""The one reader of YAML input files (scenarios, trial files, uploads): UTF-8 text of bounded
size from a regular file, parsed by a strict safe loader.

Refused, each with one line naming the file and the problem (a ``ScenarioError`` on the field
the caller names): files that are not regular files (a FIFO would block the reader forever, a
directory or device is not an input), files over :data:`MAX_INPUT_BYTES`, text that is not UTF-8
(UTF-16 and UTF-32 are named as such), nesting deeper than :data:`MAX_DEPTH` (the composer
recurses per level), duplicate keys (YAML would silently keep the last value), aliases and merge
keys (nothing in a scenario needs them, and alias expansion multiplies the work of a tiny file;
an anchor that is never used is harmless), explicit tags (``!!binary``, ``!!set``,
``!!python/...``: coerced types no field accepts) and integers beyond 64 bits. Dates and
sexagesimal numbers (``1:30``) are read as text.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from abscopal.errors import InputError

MAX_INPUT_BYTES = 1_048_576
MAX_DEPTH = 32
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
MAX_INTEGER = 2**63


class YamlInputError(InputError):
    """A YAML input that cannot be read; ``field`` is the caller's name for the file."""


def _where(mark: yaml.Mark | None) -> str:
    return f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""


class _Refusal(yaml.YAMLError):
    def __init__(self, message: str, mark: yaml.Mark | None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.hint = hint


class StrictLoader(yaml.SafeLoader):
    """Safe loader without aliases, explicit tags, duplicate keys or implicit timestamps."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refusal(
                "uses an alias (*name)", event.start_mark, "; anchors and aliases are not supported"
            )
        event = self.peek_event()
        tag = getattr(event, "tag", None)  # None unless the document writes a tag
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")[:60]
            raise _Refusal(
                f"uses the tag {shown}", event.start_mark, "; explicit tags are not supported"
            )
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        if _is_sexagesimal(str(node.value)):
            return str(node.value)  # 1:30 stays text (YAML 1.1 would read 90)
        value = super().construct_yaml_int(node)
        if abs(value) > MAX_INTEGER:
            raise _Refusal("has an integer beyond 64 bits", node.start_mark)
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        if _is_sexagesimal(str(node.value)):
            return str(node.value)
        return super().construct_yaml_float(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refusal("uses a merge key (<<)", key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen  # 1 and true collide in a mapping: refused too
            except TypeError:
                raise _Refusal(
                    "has a key that is not text or a number", key_node.start_mark
                ) from None
            if duplicate:
                raise _Refusal(f"repeats the key {str(key_node.value)[:60]!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
# Dates stay text: no field takes a datetime, and a converted date hides the value written.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _is_sexagesimal(text: str) -> bool:
    return ":" in text and text.lstrip("+-")[:1].isdigit()


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the (recursive) composer sees it; the parser
    that produces the events is not recursive."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refusal(f"nests deeper than {MAX_DEPTH} levels", event.start_mark)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1


def parse_yaml_text(text: str, field: str = "SCENARIO", source: str = "the file") -> Any:
    """Parsed YAML of ``text`` with the strict loader; any problem becomes a
    :class:`YamlInputError` on ``field`` naming ``source`` and the line and column."""
    try:
        _check_depth(text)
        return yaml.load(text, Loader=StrictLoader)  # StrictLoader is a SafeLoader
    except _Refusal as refusal:
        raise YamlInputError(
            field, f"{source} {refusal.message}{_where(refusal.mark)}{refusal.hint}"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise YamlInputError(field, f"{source} is not valid YAML{_where(mark)}") from None
    except (ValueError, OverflowError):  # e.g. an integer of more than 4,300 digits
        raise YamlInputError(field, f"{source} holds a number too large to read") from None
    except RecursionError:  # pragma: no cover - the depth check runs first
        raise YamlInputError(field, f"{source} nests too deeply") from None


def decode_utf8(data: bytes, field: str, source: str) -> str:
    """UTF-8 text of ``data`` (a leading byte-order mark is dropped); anything else is refused
    naming the first undecodable byte and its line."""
    if data.startswith(UTF32_BOMS):
        raise YamlInputError(field, f"{source} is UTF-32 text; save it as UTF-8")
    if data.startswith(UTF16_BOMS):
        raise YamlInputError(field, f"{source} is UTF-16 text; save it as UTF-8")
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise YamlInputError(
            field,
            f"{source} is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); "
            "save it as UTF-8",
        ) from None


def read_yaml_file(path: str | Path, field: str) -> Any:
    """Parsed YAML of the regular file ``path``; every problem becomes a
    :class:`YamlInputError` on ``field`` (``SCENARIO``, ``TRIAL``) naming the file."""
    path = Path(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise YamlInputError(field, f"{path} is not a regular file")
        if status.st_size > MAX_INPUT_BYTES:
            raise YamlInputError(
                field, f"{path} is larger than {MAX_INPUT_BYTES // 1024} KiB; input files are small"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise YamlInputError(field, f"cannot read {path}: {error.strerror}") from None
    except YamlInputError:
        raise
    except ValueError:  # a NUL byte in the path
        raise YamlInputError(field, f"cannot read {str(path)[:80]!r}: not a valid path") from None
    if len(data) > MAX_INPUT_BYTES:
        raise YamlInputError(
            field, f"{path} is larger than {MAX_INPUT_BYTES // 1024} KiB; input files are small"
        )
    return parse_yaml_text(decode_utf8(data, field, str(path)), field, str(path))
