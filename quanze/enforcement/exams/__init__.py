"""Qualification exams (执法资格考试): sittings, candidates, results, certificates issued."""
