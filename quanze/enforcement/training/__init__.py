"""Training (培训): courses, lecturers, attendance, hours, requests from townships."""
