"""``govkg serve``: the query service (SPARQL endpoint, REST, pages) on uvicorn."""

from __future__ import annotations

import argparse

from api.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="serve the SPARQL endpoint, the REST API and the query page",
        description="Serve the store over HTTP. An empty store first gets the bundled sample notice.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument(
        "--store",
        help="store location: a directory, oxigraph:, memory: or a SPARQL URL "
        "(default: $GOVKG_STORE, else the per-user data directory)",
    )
    parser.add_argument(
        "--base", help="base IRI of the data (default: $GOVKG_BASE or https://w3id.org/govkg/id/)"
    )
    parser.add_argument("--timeout", type=float, help="per-query time limit in seconds (default: 10)")
    parser.add_argument("--workers", type=int, help="query worker processes (default: 2)")
    parser.add_argument(
        "--no-sample", action="store_true", help="never ingest the sample into an empty store"
    )
    parser.set_defaults(func=serve)


def serve(args: argparse.Namespace) -> int:
    """Settings first (a bad one stops here, with one line), then uvicorn until interrupted."""
    import uvicorn

    from api.app import create_app

    settings = Settings.from_env(
        store=args.store,
        base_iri=args.base,
        query_timeout=args.timeout,
        query_workers=args.workers,
        ingest_sample=False if args.no_sample else None,
    )
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0
