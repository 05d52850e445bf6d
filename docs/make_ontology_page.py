"""Write docs/ontology.md, the reference page of ontologies/kg.ttl.

Run after changing kg.ttl: ``python docs/make_ontology_page.py [PAGE]`` (default: the page
beside this script). A test fails while the page is stale. With ``KG_ONTOLOGIES=DIR`` set, the
page is of ``DIR/kg.ttl``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.rdf.ontology import ontology_graph, reference_page

PAGE = Path(__file__).resolve().parent / "ontology.md"

if __name__ == "__main__":
    page = Path(sys.argv[1]) if len(sys.argv) > 1 else PAGE
    page.write_text(reference_page(ontology_graph()), encoding="utf-8")
    print(f"wrote {page}")
