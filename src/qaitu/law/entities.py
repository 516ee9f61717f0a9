"""Who the rules are about.

A *charge* is one candidate qualification of one episode abroad: (episode, article part).
A *case* is one fully determined version of a person's case; when facts are unknown the
assessment runs several cases side by side, one per combination of the values they could take
(a *completion* of the case file, :mod:`qaitu.assessment.completions`). Neither is the case file
(``qaitu.case/1``) nor the web app's case record: docs/architecture.md, "Terms".
"""

from openfisca_core.entities import build_entity

Charge = build_entity(
    key="charge",
    plural="charges",
    label="A candidate qualification of one episode under one article part",
    is_person=True,
)

Case = build_entity(
    key="case",
    plural="cases",
    label="A person's case with every fact determined",
    roles=[{"key": "charge", "plural": "charges", "label": "Candidate qualifications"}],
)

entities = [Charge, Case]
