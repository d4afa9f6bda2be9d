"""The item timeline: the whole course of one power in one township, across every process."""
