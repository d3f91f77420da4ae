"""Store backends and the tables they share; the API is in :mod:`graph.store`."""
