"""Driver roles: which functions the I/O manager or the kernel calls, and as what.

Bootstrap version: roles from DriverEntry's name and ``MajorFunction[...] =`` assignments.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from clang.cindex import CursorKind

from kdlint.cursors import walk


class Role(str, enum.Enum):
    DRIVER_ENTRY = "DriverEntry"
    DISPATCH = "dispatch"
    UNLOAD = "unload"
    COMPLETION = "completion-routine"
    DPC = "dpc"
    THREAD_START = "thread-start"
    CANCEL = "cancel-routine"
    ADD_DEVICE = "add-device"
    START_IO = "start-io"
    WORK_ITEM = "work-item"
    ISR = "isr"


@dataclass
class DriverModel:
    """Roles of the functions of one file."""

    roles: dict[str, set[Role]] = field(default_factory=dict)

    def add(self, name: str, role: Role) -> None:
        self.roles.setdefault(name, set()).add(role)

    def roles_of(self, name: str) -> frozenset:
        return frozenset(self.roles.get(name, ()))


def build_driver_model(functions) -> DriverModel:
    """Find roles in the given function cursors (bootstrap: DriverEntry and MajorFunction)."""
    model = DriverModel()
    for fn in functions:
        if fn.spelling == "DriverEntry":
            model.add(fn.spelling, Role.DRIVER_ENTRY)
        for node in walk(fn):
            if node.kind == CursorKind.BINARY_OPERATOR:
                children = list(node.get_children())
                if len(children) == 2 and "MajorFunction" in [t.spelling for t in children[0].get_tokens()]:
                    target = children[1]
                    for t in walk(target):
                        if t.kind == CursorKind.DECL_REF_EXPR and t.referenced is not None \
                                and t.referenced.kind == CursorKind.FUNCTION_DECL:
                            model.add(t.spelling, Role.DISPATCH)
    return model
