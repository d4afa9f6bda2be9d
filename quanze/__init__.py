"""quanze: the system of record for township empowerment (乡镇赋权扩能)."""
