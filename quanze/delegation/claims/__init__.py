"""Claims (乡镇认领): claim windows, each township's claims, deadlines, review and statistics."""
