"""Reading the book's `qa` section: rule weights and thresholds a centre may tune."""

from __future__ import annotations

import dataclasses

from assist.core.model import QA_RULES, QaSettings
from assist.core.validation import Validator, describe
from assist.core.yaml_source import RawMap, RawNode, RawScalar

_NUMBERS = {
    # key: (lowest, highest, whole number)
    "pass_score": (0, 100, True),
    "similarity": (50, 100, True),
    "greeting_within": (1, 600, False),
    "hold_threshold": (5, 3600, False),
}


def read_qa_section(validator: Validator, node: RawNode | None, situation_ids: set[str]) -> QaSettings:
    """The `qa` section's settings; each wrong value is reported and its default kept."""
    defaults = QaSettings()
    if node is None:
        return defaults
    fields = validator.fields(
        node,
        "the qa section",
        required=(),
        optional=(*_NUMBERS, "weights", "complaint_words", "response_situations"),
    )
    if fields is None:
        return defaults
    changes: dict[str, object] = {}
    for key, (lowest, highest, whole) in _NUMBERS.items():
        if key in fields:
            value = _number(validator, fields[key], f"qa {key}", lowest, highest, whole)
            if value is not None:
                changes[key] = int(value) if whole else float(value)  # the field's own type: 10 is 10.0 s
    if "weights" in fields:
        changes["weights"] = _weights(validator, fields["weights"], defaults)
    words = validator.list_of(
        fields.get("complaint_words"), "qa complaint_words", lambda item, _: validator.text(item, "complaint word")
    )
    if words:
        changes["complaint_words"] = tuple(words)
    situations = validator.list_of(
        fields.get("response_situations"),
        "qa response_situations",
        lambda item, _: _situation_id(validator, item, situation_ids),
    )
    if situations:
        changes["response_situations"] = tuple(situations)
    return dataclasses.replace(defaults, **changes)


def _weights(validator: Validator, node: RawNode, defaults: QaSettings) -> dict[str, int]:
    weights = dict(defaults.weights)
    if not validator.expect(node, RawMap, "qa weights", "a mapping of rule ids to weights"):
        return weights
    assert isinstance(node, RawMap)
    for rule, (key_position, value) in node.entries.items():
        if rule not in QA_RULES:
            validator.error(key_position, f"qa weights: unknown rule '{rule}'; the rules are {', '.join(QA_RULES)}")
            continue
        weight = _number(validator, value, f"qa weight of {rule}", 0, 100, True)
        if weight is not None:
            weights[rule] = int(weight)
    return weights


def _number(
    validator: Validator, node: RawNode, what: str, lowest: float, highest: float, whole: bool
) -> float | int | None:
    value = node.value if isinstance(node, RawScalar) else None
    kinds = int if whole else (int, float)
    if not isinstance(value, kinds) or isinstance(value, bool):
        kind = "a whole number" if whole else "a number"
        validator.error(node.position, f"{what} must be {kind} from {lowest} to {highest}, not {describe(node)}")
        return None
    if not lowest <= value <= highest:
        validator.error(node.position, f"{what} must be from {lowest} to {highest}, not {value}")
        return None
    return value


def _situation_id(validator: Validator, node: RawNode, situation_ids: set[str]) -> str | None:
    value = validator.text(node, "qa response situation")
    if value is not None and value not in situation_ids:
        known = ", ".join(sorted(situation_ids))
        validator.error(node.position, f"qa response_situations: no situation '{value}' in this book ({known})")
        return None
    return value
