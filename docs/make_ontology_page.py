"""Write docs/ontology.md, the reference page of ontologies/kg.ttl.

Run after changing kg.ttl: ``python docs/make_ontology_page.py``. A test fails while the page
is stale.
"""

from __future__ import annotations

from pathlib import Path

from kg.rdf.ontology import reference_page
from kg.validate import ontology_graph

PAGE = Path(__file__).resolve().parent / "ontology.md"

if __name__ == "__main__":
    PAGE.write_text(reference_page(ontology_graph()), encoding="utf-8")
    print(f"wrote {PAGE}")
