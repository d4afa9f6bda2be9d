"""Territorial responsibility lists (属地管理责任清单): versions, items, import and export, publication, claiming meetings, and the routing table dispatch reads."""
