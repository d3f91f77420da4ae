"""The query service (FastAPI) and the ``govkg`` command line; both read the graph."""
