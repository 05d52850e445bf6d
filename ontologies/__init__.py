"""The ontology, SHACL shapes, gazetteer and relation patterns: data, shipped as `kg.ontologies`."""
