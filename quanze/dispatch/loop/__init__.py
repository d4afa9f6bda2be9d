"""The loop: an event's actions from dispatch to close, its page, work queues and the deadline sweep."""
