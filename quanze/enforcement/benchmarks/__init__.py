"""Discretion benchmarks (裁量基准): versioned tables per power, the tier proposal, the decision check."""
