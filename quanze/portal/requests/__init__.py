"""Citizen requests (诉求): filed on the portal or through Open311, routed as dispatch events."""
