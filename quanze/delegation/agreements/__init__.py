"""Entrustment agreements (委托协议): county templates and one agreement per decision and township."""
