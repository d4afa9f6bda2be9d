"""Case-file review (案卷评查) by the justice bureau: rounds, samples, scoring sheets, results per unit."""
