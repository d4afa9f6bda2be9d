"""The enforcement app: township integrated enforcement cases under delegated powers."""
