"""The portal app: what a citizen, a business or a journalist sees without logging in
(published lists at any date, item pages, 谁来管, citizen requests, open interfaces)."""
