"""Document model -> RDF and NetworkX, and the stores that hold them."""
