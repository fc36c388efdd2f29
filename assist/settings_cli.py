"""`assist settings list|get|set|reset`: the sidebar's settings for scripts and IT departments.

Each setting is read the way the sidebar reads it: the agent's own file over the centre's file over
the default (see assist/ui/settings.py). `set` and `reset` change only the agent's file and refuse
a setting the centre locked. Needs QtCore (QSettings), not a display.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(commands: argparse._SubParsersAction) -> None:
    settings = commands.add_parser(
        "settings",
        help="list, read or change the sidebar's settings (for scripts)",
        description="List, read or change the sidebar's settings. Values come from the agent's own file, "
        "else the centre's file (e.g. /etc/xdg/Assist/assist.ini), else the default. "
        "Profile values are profile-values/NAME (organisation, department, agent_number). "
        "Exit status: 0 done, 2 unknown key, wrong value or a setting locked by the centre.",
    )
    actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every setting with its value and where it comes from")
    get = actions.add_parser("get", help="print one setting's value")
    get.add_argument("key", metavar="KEY")
    set_ = actions.add_parser("set", help="set the agent's own value of a setting")
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE")
    reset = actions.add_parser("reset", help="forget the agent's own value (the centre's or the default applies)")
    reset.add_argument("key", metavar="KEY")


def run(args: argparse.Namespace) -> int:
    from assist.ui.settings import PROFILE_GROUP, SETTINGS, LockedSetting, Settings

    settings = Settings.for_user()
    profile_names = _profile_names()
    keys = [*SETTINGS, *(f"{PROFILE_GROUP}/{name}" for name in profile_names)]
    if args.action == "list":
        width = max(len(key) for key in keys)
        for key in keys:
            value = _shown(_value(settings, key))
            lock = ", locked" if settings.is_locked(key) else ""
            print(f"{key:<{width}}  {value}  ({settings.origin(key).value}{lock})")
        return EXIT_OK
    if args.key not in keys:
        print(f"assist settings: unknown setting {args.key!r}; `assist settings list` names them all", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.action == "get":
            print(_shown(_value(settings, args.key)))
        elif args.action == "reset":
            settings.reset(args.key)
        elif args.key.startswith(f"{PROFILE_GROUP}/"):
            if settings.is_locked(args.key):
                raise LockedSetting(args.key)
            settings.set_profile_values({args.key.split("/", 1)[1]: args.value})
        else:
            settings.set(args.key, parse(args.value, SETTINGS[args.key].type, args.key))
    except (LockedSetting, ValueError) as error:
        print(f"assist settings: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def parse(text: str, kind: type, key: str) -> object:
    """A value typed on the command line, as the setting's type; ValueError says what was expected."""
    if kind is bool:
        lowered = text.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise ValueError(f"{key} takes true or false, not {text!r}")
    if kind is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{key} takes a whole number, not {text!r}") from None
    if kind is list:
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f'{key} takes a JSON list of text, such as \'["a", "b"]\', not {text!r}')
        return value
    if kind is str:
        return text
    from PySide6.QtCore import QRect

    numbers = text.replace(" ", "").split(",")
    if kind is QRect and len(numbers) == 4 and all(part.lstrip("-").isdigit() for part in numbers):
        return QRect(*(int(part) for part in numbers))
    raise ValueError(f"{key} takes x,y,width,height (four whole numbers), not {text!r}")


def _value(settings: object, key: str) -> object:
    from assist.ui.settings import PROFILE_GROUP

    if key.startswith(f"{PROFILE_GROUP}/"):
        return settings.profile().get(key.split("/", 1)[1], "")  # type: ignore[attr-defined]
    return settings.get(key)  # type: ignore[attr-defined]


def _shown(value: object) -> str:
    from PySide6.QtCore import QRect

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, QRect):
        return "" if value.isNull() else f"{value.x()},{value.y()},{value.width()},{value.height()}"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _profile_names() -> list[str]:
    """The built-in book's profile placeholders: the values an agent or a centre sets once."""
    from assist.core.loader import load_phrasebook

    book = load_phrasebook()
    return [name for name, placeholder in book.placeholders.items() if placeholder.profile]


def autostart_wanted() -> bool:
    """Whether a start from the desktop's autostart entry (`assist --autostart`) should open the sidebar."""
    from assist.ui.settings import Settings

    return bool(Settings.for_user().get("startup/autostart"))
