"""Two-way appraisal (双向互评, 002): townships score county departments, departments score townships."""
