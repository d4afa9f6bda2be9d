"""Consultation rounds (征求意见): opinions, feedback, dispositions, reminders, meetings."""
