"""The event record every process shares: its tables, states, transition helper, who may act, and access."""
