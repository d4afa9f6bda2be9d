"""TEMPORARY, delete when issue 8's core change is merged: `core/registry.access_for_history`
still imports this module until it reads the choke points DutiesConfig.ready() registers.
The choke points live in the processes' selectors; nothing in quanze.duties imports this."""

from quanze.duties.admission.selectors import access_admission
from quanze.duties.dutylists.selectors import access_duty_list, access_duty_version
from quanze.duties.territorial.selectors import access_list, access_version

__all__ = [
    "access_admission",
    "access_duty_list",
    "access_duty_version",
    "access_list",
    "access_version",
]
