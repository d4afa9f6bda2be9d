"""谁来管: what happened and where, to the matter, the units responsible and why."""
