"""The govkg vocabulary (``govkg.ttl``), its SHACL shapes and namespace constants."""
