"""The enforcement document set (格式文书): templates filled from the case, and the case file (案卷)."""
