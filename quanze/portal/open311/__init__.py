"""Open311 GeoReport v2: the county's matters as services, citizen requests filed and followed."""
