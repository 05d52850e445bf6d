"""kg's data, shipped as `kg.ontologies`: the vocabulary (kg.ttl), SHACL shapes, relation frames
(relations.yml), lexicon, confidence costs (costs.yml) and gazetteer. Read through kg.data."""
