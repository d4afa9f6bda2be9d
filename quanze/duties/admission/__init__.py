"""Admission (准入): a department asks to hand a new duty to townships; the office decides, and an admitted duty joins the territorial list."""
