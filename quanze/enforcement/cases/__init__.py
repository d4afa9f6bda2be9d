"""Enforcement cases (执法案件): opening under a held power, the statutory lifecycle, evidence."""
