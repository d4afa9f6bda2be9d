"""The public page of one item (权力事项): what it is, its basis, who holds it, guidance and decisions."""
