"""mypy plugin: a SQLModel table column read from the class is a SQL expression, not a value.

SQLModel declares `deleted_at: datetime | None`, so mypy sees `Learner.deleted_at.is_(None)` as
a call on a datetime and `Learner.id == x` as a bool (394 of the 859 errors before this plugin).
At run time SQLAlchemy replaces these class attributes with `InstrumentedAttribute`s; this plugin
tells mypy the same, so queries are checked against SQLAlchemy's own types instead of being
rewritten with `col(...)` at every use. Instances keep the plain value types (`learner.name: str`).
"""
from __future__ import annotations

from typing import Callable

from mypy.nodes import MypyFile, TypeInfo, Var
from mypy.plugin import AttributeContext, Plugin
from mypy.types import Instance, Type

_SQLMODEL = "sqlmodel.main.SQLModel"
_ATTRIBUTE = "sqlalchemy.orm.attributes.InstrumentedAttribute"


class SQLModelColumns(Plugin):
    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        # every module that touches a model must see the attribute type the hook names
        return [(10, _ATTRIBUTE.rpartition(".")[0], -1)]

    def get_class_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        owner_name, _, attr = fullname.rpartition(".")
        if attr.startswith("_") or attr.startswith("model_"):
            return None
        owner = self.lookup_fully_qualified(owner_name)
        if owner is None or not isinstance(owner.node, TypeInfo) or not owner.node.has_base(_SQLMODEL):
            return None
        member = owner.node.get(attr)  # declared here or on a base (Record)
        # only declared fields: not methods, properties or ClassVar constants
        if member is None or not isinstance(member.node, Var) or member.node.is_classvar:
            return None
        return self._as_column

    def _as_column(self, ctx: AttributeContext) -> Type:
        attribute = self.lookup_fully_qualified(_ATTRIBUTE)
        assert attribute is not None and isinstance(attribute.node, TypeInfo), _ATTRIBUTE
        return Instance(attribute.node, [ctx.default_attr_type])


def plugin(version: str) -> type[Plugin]:
    return SQLModelColumns
