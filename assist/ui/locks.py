"""Settings the centre locked (see settings.Settings.is_locked): an action that would change one
changes nothing, and says so."""

from __future__ import annotations

from assist.ui.i18n import tr
from assist.ui.settings import Settings
from assist.ui.status_line import StatusLine


def refused_by_centre(settings: Settings, status: StatusLine, key: str) -> bool:
    """True (and says so) when the centre locked this setting."""
    if not settings.is_locked(key):
        return False
    status.say(tr("此项由中心设定，不能更改", "Set by your centre; it cannot be changed"))
    return True
