"""Interactive HTML views of the graph: coordination networks and a source view."""
