"""Evaluation rounds (质效评估): indicators per item × township from recorded facts, collected inputs, proposals."""
