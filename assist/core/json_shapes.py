"""Typed values to JSON and back, driven by their type hints, checking every value read back.

`shape(hint)` gives the functions for a type hint. A record (frozen dataclass or named tuple) is a
JSON array of its fields in order; enums are their values; mappings objects. A tuple of records
is written by columns, `[count, [every first field], [every second field], …]`, so that reading
back a book of 20,000 phrases checks and builds each column in one sweep rather than phrase by
phrase. Reading back checks each value against its hint (`type(value) is str`, the right number of
fields, a known enum value …) and raises `Unreadable` at the first that does not fit: a cache
entry of the wrong shape is a miss, never a book with a number where a text should be.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from itertools import repeat

from assist.core.sealed import Unreadable

One = Callable[[object], object]
Many = Callable[[object], list]


@dataclasses.dataclass(frozen=True)
class Shape:
    to_json: One
    from_json: One  # raises Unreadable, or TypeError, KeyError … when the value does not fit
    many_to_json: Callable[[Sequence], object]
    many_from_json: Many

    def read(self, value: object) -> object:
        """`value` read back as the hint's type; Unreadable when it does not fit."""
        try:
            return self.from_json(value)
        except (TypeError, ValueError, KeyError, IndexError, RecursionError) as error:
            raise Unreadable(f"not the shape expected: {error!r}") from None


@functools.cache
def shape(hint: object) -> Shape:
    """How to write values of type `hint` as JSON and read them back, checked."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint in (str, int, bool, float, type(None)):
        return _scalar(hint)
    if origin in (types.UnionType, typing.Union):
        return _optional(arguments)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return _sequence(shape(arguments[0]))
    if origin is tuple:
        return _record([shape(argument) for argument in arguments], lambda *values: values, [], "tuple")
    if origin in (dict, Mapping) and arguments[0] is str:
        return _mapping(shape(arguments[1]))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return _named_tuple(hint)
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    raise NotImplementedError(f"no JSON shape for {hint!r}")


def _named_tuple(kind: type) -> Shape:
    hints = typing.get_type_hints(kind)
    fields = [shape(hints[name]) for name in kind._fields]
    make = lambda *values: tuple.__new__(kind, values)  # noqa: E731 - made in C, without its __new__
    make_many = lambda columns: list(map(tuple.__new__, repeat(kind), zip(*columns, strict=True)))  # noqa: E731
    return _record(fields, make, list(kind._fields), kind.__name__, make_many)


def _dataclass(kind: type) -> Shape:
    names = [field.name for field in dataclasses.fields(kind) if field.init]
    if len(names) != len(dataclasses.fields(kind)) or hasattr(kind, "__post_init__"):
        raise NotImplementedError(f"{kind.__name__} cannot be made again from its fields alone")
    hints = typing.get_type_hints(kind)
    fields = [shape(hints[name]) for name in names]
    slots = [kind.__dict__.get(name) for name in names]
    if all(type(slot) is types.MemberDescriptorType for slot in slots):
        return _record(fields, kind, names, kind.__name__, _filling_slots(kind, slots))
    return _record(fields, kind, names, kind.__name__)


def _list(value: object) -> list:
    if type(value) is not list:
        raise Unreadable(f"{value!r:.60} is not an array")
    return value


def _one_by_one(to_json: One, from_json: One) -> Shape:
    """A shape whose many values are written and read each on its own."""
    return Shape(
        to_json,
        from_json,
        lambda values: [to_json(value) for value in values],
        lambda value: [from_json(element) for element in _list(value)],
    )


def _scalar(kind: type) -> Shape:
    def one(value: object) -> object:
        if type(value) is not kind:  # not isinstance: True is not a line number
            raise Unreadable(f"{value!r:.60} is not a {kind.__name__}")
        return value

    def many(value: object) -> list:
        if not set(map(type, _list(value))) <= {kind}:
            raise Unreadable(f"not every value is a {kind.__name__}")
        return value

    return Shape(lambda value: value, one, list, many)


def _enum(kind: type[Enum]) -> Shape:
    members = {member.value: member for member in kind}  # values are texts: 1 or True finds none
    return Shape(
        lambda member: member.value,
        members.__getitem__,
        lambda values: [member.value for member in values],
        lambda value: list(map(members.__getitem__, _list(value))),
    )


def _optional(arguments: tuple) -> Shape:
    others = [argument for argument in arguments if argument is not type(None)]
    if len(others) != 1 or len(arguments) != 2:
        raise NotImplementedError(f"only `X | None` unions have a JSON shape, not {arguments!r}")
    inner = shape(others[0])
    optional = _one_by_one(
        lambda value: None if value is None else inner.to_json(value),
        lambda value: None if value is None else inner.from_json(value),
    )
    if isinstance(others[0], type) and issubclass(others[0], Enum):
        found = {member.value: member for member in others[0]} | {None: None}
        many = lambda value: list(map(found.__getitem__, _list(value)))  # noqa: E731
        return dataclasses.replace(optional, many_from_json=many)
    return optional


def _sequence(item: Shape) -> Shape:
    return _one_by_one(item.many_to_json, lambda value: tuple(item.many_from_json(value)))


def _mapping(item: Shape) -> Shape:
    def from_json(value: object) -> dict:
        if type(value) is not dict:
            raise Unreadable(f"{value!r:.60} is not an object")
        return {key: item.from_json(element) for key, element in value.items()}  # JSON keys are texts

    return _one_by_one(lambda value: {key: item.to_json(element) for key, element in value.items()}, from_json)


def _filling_slots(kind: type, slots: list[types.MemberDescriptorType]) -> Callable[[list[list]], list]:
    """Many instances of a slotted dataclass made by filling each slot for all of them in one sweep
    in C: four times quicker than calling the frozen class's `__init__` (which sets one field at a
    time through `object.__setattr__`), for a class without `__post_init__` and whose `__init__`
    only sets its fields."""

    def make_many(columns: list[list]) -> list:
        records = list(map(object.__new__, repeat(kind, len(columns[0]))))
        for slot, column in zip(slots, columns, strict=True):
            deque(map(slot.__set__, records, column), maxlen=0)
        return records

    return make_many


def _record(
    fields: list[Shape],
    make: Callable[..., object],
    names: list[str],
    what: str,
    make_many: Callable[[list[list]], list] | None = None,
) -> Shape:
    """A dataclass, named tuple or fixed tuple: an array of its fields; many of them, by columns."""
    make_many = make_many or (lambda columns: list(map(make, *columns)))
    count = len(fields)
    if not count:
        raise NotImplementedError(f"a {what} without fields has no JSON shape")
    readers = [field.from_json for field in fields]

    def values_of(record: object) -> list:
        return [getattr(record, name) for name in names] if names else list(record)

    def to_json(record: object) -> list:
        return [field.to_json(value) for field, value in zip(fields, values_of(record), strict=True)]

    def from_json(value: object) -> object:
        if len(_list(value)) != count:
            raise Unreadable(f"a {what} of {count} fields expected, not {value!r:.60}")
        return make(*[read(element) for read, element in zip(readers, value, strict=True)])

    def many_to_json(records: Sequence) -> list:
        columns = zip(*map(values_of, records), strict=True) if records else repeat((), count)
        return [len(records), *(field.many_to_json(column) for field, column in zip(fields, columns, strict=True))]

    def many_from_json(value: object) -> list:
        if len(_list(value)) != count + 1 or type(value[0]) is not int:
            raise Unreadable(f"{what} columns expected, not {value!r:.60}")
        columns = [field.many_from_json(column) for field, column in zip(fields, value[1:], strict=True)]
        if any(len(column) != value[0] for column in columns):
            raise Unreadable(f"{what} columns of different lengths")
        return make_many(columns)

    return Shape(to_json, from_json, many_to_json, many_from_json)
