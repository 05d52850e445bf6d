"""The relation vocabulary has one home, kg.ttl: a relation added there (with its frames in
relations.yml) reaches the namespace, the shapes, the analyses and the reference page, with
no other file edited."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.data import ENVIRONMENT, data_path
from kg.errors import DataError
from kg.vocabulary import LAYER_NAMES, load_vocabulary

LICENSES_TO = """
kg:licensesTo a owl:ObjectProperty ;
    rdfs:subPropertyOf kg:relatedTo ;
    kg:polarity "cooperative" ;
    kg:layer "supply" ;
    kg:exposureAgainst "licensor" ;
    rdfs:label "licenses to"@en ;
    rdfs:comment "A company (subject) licenses its technology to another (object)."@en ;
    rdfs:domain kg:Company ;
    rdfs:range kg:Company .

kg:licensedBy a owl:ObjectProperty ;
    owl:inverseOf kg:licensesTo ;
    rdfs:label "licensed by"@en ;
    rdfs:comment "A company (subject) uses technology licensed by another (object)."@en ;
    rdfs:domain kg:Company ;
    rdfs:range kg:Company .
"""

LICENSE_FRAME = """
  - name: verb
    predicate: licensesTo
    verbs: [license, licence]
    objects: [prep:to]
    subject: firm
    object: firm
    confidence: 0.8
"""

# Run in a fresh interpreter with $KG_ONTOLOGIES set, as a user trying the change would.
PROBE = """
import json
from kg.analysis.exposure import CHANNELS
from kg.analysis.views import LAYERS
from kg.extract.frames import load_frames
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.rdf.infer import INFERRED_PREDICATES
from kg.rdf.namespace import INVERSES, KG, POLARITY, RELATIONS
from kg.rdf.ontology import ontology_graph, reference_page
from kg.rdf.shapes import SHAPES_NS, shapes_graph, validate
from rdflib.namespace import SH

arm, qualcomm = Entity("Arm", "Company"), Entity("Qualcomm", "Company")
text = "Arm licenses its designs to Qualcomm."
fact = Fact("a1", arm, "licensesTo", qualcomm, text, 0, len(text), 0.8)
graph = build_graph([Extraction(Article("a1", text), facts=(fact,))])
targets = set(shapes_graph().objects(SHAPES_NS["Relation"], SH.targetSubjectsOf))
print(json.dumps({
    "relation": "licensesTo" in RELATIONS,
    "term": str(KG.licensesTo),
    "polarity": POLARITY["licensesTo"],
    "inverse": INVERSES.get("licensesTo"),
    "inferred": str(KG.licensedBy) in map(str, INFERRED_PREDICATES),
    "shapes": KG.licensesTo in targets and KG.licensedBy in targets,
    "conforms": validate(graph).conforms,
    "supply": "licensesTo" in LAYERS["supply"],
    "exposure": CHANNELS.get(("licensesTo", False)),
    "page": "| `kg:licensesTo` | cooperative | supply |" in reference_page(ontology_graph()),
    "frames": [f.name for f, _ in load_frames().by_verb("license")],
}))
"""


@pytest.mark.slow  # a fresh interpreter, as a user trying the change would run
def test_a_relation_added_to_kg_ttl_and_relations_yml_reaches_every_part(tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_text(data_path("kg.ttl").read_text() + LICENSES_TO)
    frames = data_path("relations.yml").read_text()
    (tmp_path / "relations.yml").write_text(frames.rstrip() + "\n" + LICENSE_FRAME)
    env = {**os.environ, ENVIRONMENT: str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == {
        "relation": True,
        "term": "https://w3id.org/kg/ontology#licensesTo",
        "polarity": "cooperative",
        "inverse": "licensedBy",
        "inferred": True,
        "shapes": True,
        "conforms": True,
        "supply": True,
        "exposure": "licensor",
        "page": True,
        "frames": ["licensesTo/verb"],
    }


@pytest.mark.slow  # the generator script, in a fresh interpreter
def test_the_docs_generator_writes_the_added_relation(tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_text(data_path("kg.ttl").read_text() + LICENSES_TO)
    script = Path(__file__).resolve().parent.parent / "docs" / "make_ontology_page.py"
    page = tmp_path / "ontology.md"
    env = {**os.environ, ENVIRONMENT: str(tmp_path)}
    subprocess.run(
        [sys.executable, str(script), str(page)], env=env, capture_output=True, check=True
    )
    assert "`kg:licensedBy` | `kg:licensesTo`" in page.read_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kg:layer "supply"', 'kg:layer "trade"'), "kg:layer must be one of supply"),
        (('kg:polarity "cooperative"', 'kg:polarity "friendly"'), "kg:polarity must be one of"),
        (('kg:layer "supply" ;\n', ""), "kg:layer must be one of"),
    ],
    ids=["unknown-layer", "unknown-polarity", "no-layer"],
)
def test_a_relation_without_a_known_layer_or_polarity_names_file_and_relation(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "kg.ttl"
    path.write_text(data_path("kg.ttl").read_text() + LICENSES_TO.replace(*change))
    with pytest.raises(DataError, match=message) as raised:
        load_vocabulary(path)
    assert f"{path}: kg:licensesTo" in str(raised.value)


def test_every_layer_holds_a_relation_and_every_relation_one_layer() -> None:
    vocabulary = load_vocabulary()
    layers = vocabulary.layers
    assert tuple(layers) == LAYER_NAMES and all(layers.values())
    assert sorted(r for names in layers.values() for r in names) == sorted(vocabulary.names)
