"""The evaluation app: evaluation rounds (质效评估), two-way appraisal (双向互评),
adjustment projects (动态调整) and the law-change register (立改废释) that close the
reform's loop: delegate → exercise → evaluate → adjust."""
