"""The day a check or build takes as today: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today, or the UTC day of SOURCE_DATE_EPOCH when the environment sets it to a whole number of seconds."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
