"""The ORM models are mapped onto the Core tables of tracker.tables; their `Mapped[...]`
annotations only type the columns. SQLAlchemy accepts an annotation that names no
column without a word, so a renamed or added column would leave a model typed wrong:
this keeps the two in step."""

from __future__ import annotations

import inspect

from sqlalchemy.orm import configure_mappers

from tracker.models import Base


def test_each_model_annotates_exactly_its_tables_columns() -> None:
    configure_mappers()
    mismatched: dict[str, tuple[list[str], list[str]]] = {}
    for mapper in Base.registry.mappers:
        model = mapper.class_
        annotated = set(inspect.get_annotations(model)) - set(mapper.relationships.keys())
        columns = {c.key for c in mapper.local_table.columns}
        if annotated != columns:
            mismatched[model.__name__] = (sorted(annotated - columns), sorted(columns - annotated))
    assert len(Base.registry.mappers) >= 15
    assert mismatched == {}, "model: (annotated, not a column), (column, not annotated)"
