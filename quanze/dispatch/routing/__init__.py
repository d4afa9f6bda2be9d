"""Routing: who must act on an event by the territorial list in force that day, and putting that into effect."""
