"""How a schema refusal reads: the accepted form and the value given, in words, instead of
pydantic's own wording ("Input should be a valid number", "String should match pattern
'^[A-Za-z0-9_.\\-]+$'")."""

from __future__ import annotations

from typing import Any

MAX_ECHO_CHARS = 40

PATTERN_WORDS = {
    r"^[A-Za-z0-9_.\-]+$": "a name of letters, digits, '_', '.' and '-' only",
    r"^[A-Za-z0-9_\-]+$": "a name of letters, digits, '_' and '-' only",
    r"^[^\x00-\x1f\x7f]+$": "one line of text (no line breaks or other control characters)",
}

TYPE_WORDS = {
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "finite_number": "a finite number",
    "none_required": "nothing (null)",
}

BOUND_WORDS = {
    "greater_than": ("gt", "greater than"),
    "greater_than_equal": ("ge", "greater than or equal to"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "less than or equal to"),
}


def echo(value: Any) -> str:
    """The given value as the message quotes it: short, one line."""
    text = repr(value)
    if len(text) > MAX_ECHO_CHARS:
        text = text[: MAX_ECHO_CHARS - 1] + "…"
    return text


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def accepted_form(error: dict[str, Any]) -> str:
    """The message for one pydantic error (``ValidationError.errors()`` entry): what is
    accepted and what was given."""
    kind, context = error["type"], error.get("ctx") or {}
    given = echo(error.get("input"))
    if kind in TYPE_WORDS:
        return f"give {TYPE_WORDS[kind]}, not {given}"
    if kind in BOUND_WORDS:
        key, words = BOUND_WORDS[kind]
        return f"give a number {words} {_number(context[key])}, not {given}"
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        return f"give {PATTERN_WORDS.get(pattern, f'text matching {pattern}')}, not {given}"
    if kind == "string_too_short":
        return f"give at least {context['min_length']} character(s)"
    if kind == "string_too_long":
        length = len(error["input"]) if isinstance(error.get("input"), str) else "more"
        return f"give at most {context['max_length']} characters, not {length}"
    if kind == "too_short":
        count = context["min_length"]
        return f"give at least {count} entr{'y' if count == 1 else 'ies'}"
    if kind == "too_long":
        actual = context.get("actual_length") or "more"
        return f"give at most {context['max_length']} entries, not {actual}"
    if kind in ("literal_error", "enum"):
        return f"give {context.get('expected', 'one of the listed values')}, not {given}"
    return str(error["msg"]).removeprefix("Value error, ")
