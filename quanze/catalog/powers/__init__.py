"""The power register: powers as their divisions hold them, with parsed legal citations and search."""
